package io.promptwatch.reports.jobs;

import jakarta.ejb.ScheduleExpression;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A five-field cron expression ({@code minute hour day-of-month month day-of-week}) in UTC, as
 * operators write schedules ({@code 0 2 * * *}, {@code 0 3 * * SUN}): numbers, {@code *}, lists,
 * ranges, steps ({@code *}{@code /15}, {@code 1-5/2}), month and weekday names, Sunday as 0 or 7.
 * When both day fields are restricted a day matching either fires, as in cron (and as in an EJB
 * calendar schedule, which {@link #toScheduleExpression} builds).
 *
 * <p>Why a cron parser beside the EJB timer: a firing must be named by the instant it was scheduled
 * for, not by when a busy server got round to it, so that two servers firing the same schedule take
 * the same lease ({@link #latestAtOrBefore}); and {@code GET /jobs} shows the next run ({@link #next}).
 */
public final class Cron {

    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT",
            "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
    /** Farthest a search for a firing goes: leap days on a Monday recur within 28 years. */
    private static final long SEARCH_DAYS = 366L * 29;

    private final String text;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    /** 0 = Sunday ... 6 = Saturday. */
    private final BitSet daysOfWeek;
    private final boolean dayOfMonthRestricted;
    private final boolean dayOfWeekRestricted;

    private Cron(String text, String[] fields) {
        this.text = text;
        this.minutes = field(fields[0], "minute", 0, 59, List.of());
        this.hours = field(fields[1], "hour", 0, 23, List.of());
        this.daysOfMonth = field(fields[2], "day of month", 1, 31, List.of());
        this.months = field(fields[3], "month", 1, 12, MONTHS);
        BitSet week = field(fields[4], "day of week", 0, 7, DAYS);
        if (week.get(7)) {
            week.set(0);
            week.clear(7);
        }
        this.daysOfWeek = week;
        this.dayOfMonthRestricted = !fields[2].equals("*");
        this.dayOfWeekRestricted = !fields[4].equals("*");
    }

    /** Parses {@code text}; an {@link IllegalArgumentException} says which field is wrong and why. */
    public static Cron parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        String[] fields = trimmed.split("\\s+");
        if (fields.length != 5) {
            throw new IllegalArgumentException("'" + trimmed + "' is not a cron expression: it needs five fields "
                    + "(minute hour day-of-month month day-of-week), e.g. '0 2 * * *'");
        }
        return new Cron(trimmed, fields);
    }

    private static BitSet field(String spec, String name, int min, int max, List<String> names) {
        BitSet values = new BitSet(max + 1);
        for (String part : spec.toUpperCase(Locale.ROOT).split(",", -1)) {
            int step = 1;
            String range = part;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                step = number(part.substring(slash + 1), name, 1, max, List.of());
                range = part.substring(0, slash);
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = name.equals("day of week") ? 6 : max;
            } else if (range.indexOf('-') > 0) {
                from = number(range.substring(0, range.indexOf('-')), name, min, max, names);
                to = number(range.substring(range.indexOf('-') + 1), name, min, max, names);
                if (to < from) {
                    throw new IllegalArgumentException("the " + name + " range '" + range + "' runs backwards");
                }
            } else {
                from = number(range, name, min, max, names);
                to = slash >= 0 ? max : from;
            }
            for (int v = from; v <= to; v += step) {
                values.set(v);
            }
        }
        return values;
    }

    private static int number(String text, String name, int min, int max, List<String> names) {
        int named = names.indexOf(text);
        if (named >= 0) {
            return named + (names == MONTHS ? 1 : 0);
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // refused below
        }
        throw new IllegalArgumentException("'" + text + "' is not a " + name + " (" + min + "-" + max
                + (names.isEmpty() ? "" : " or " + names.get(0) + "-" + names.get(names.size() - 1)) + ")");
    }

    /** Whether the minute starting at {@code minute} (UTC) is one of this schedule's firings. */
    public boolean matches(LocalDateTime minute) {
        return minutes.get(minute.getMinute()) && hours.get(minute.getHour()) && matchesDay(minute.toLocalDate());
    }

    private boolean matchesDay(LocalDate day) {
        if (!months.get(day.getMonthValue())) {
            return false;
        }
        boolean dom = daysOfMonth.get(day.getDayOfMonth());
        boolean dow = daysOfWeek.get(day.getDayOfWeek().getValue() % 7);
        if (dayOfMonthRestricted && dayOfWeekRestricted) {
            return dom || dow;
        }
        return dom && dow;
    }

    /** The first firing strictly after {@code after}, or null when none comes within 29 years (30 February). */
    public Instant next(Instant after) {
        LocalDateTime t = LocalDateTime.ofInstant(after, ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        LocalDate limit = t.toLocalDate().plusDays(SEARCH_DAYS);
        while (t.toLocalDate().isBefore(limit)) {
            if (!matchesDay(t.toLocalDate())) {
                t = t.toLocalDate().plusDays(1).atStartOfDay();
            } else if (!hours.get(t.getHour())) {
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            } else if (!minutes.get(t.getMinute())) {
                t = t.plusMinutes(1);
            } else {
                return t.toInstant(ZoneOffset.UTC);
            }
        }
        return null;
    }

    /** The latest firing at or before {@code at} (its minute included), or null when none lies within 29 years. */
    public Instant latestAtOrBefore(Instant at) {
        LocalDateTime t = LocalDateTime.ofInstant(at, ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        LocalDate limit = t.toLocalDate().minusDays(SEARCH_DAYS);
        while (t.toLocalDate().isAfter(limit)) {
            if (!matchesDay(t.toLocalDate())) {
                t = t.toLocalDate().atStartOfDay().minusMinutes(1);
            } else if (!hours.get(t.getHour())) {
                t = t.truncatedTo(ChronoUnit.HOURS).minusMinutes(1);
            } else if (!minutes.get(t.getMinute())) {
                t = t.minusMinutes(1);
            } else {
                return t.toInstant(ZoneOffset.UTC);
            }
        }
        return null;
    }

    /** The same schedule as an EJB calendar expression in UTC, every field as an explicit list. */
    public ScheduleExpression toScheduleExpression() {
        return new ScheduleExpression().timezone("UTC").second("0")
                .minute(list(minutes)).hour(list(hours))
                .dayOfMonth(dayOfMonthRestricted ? list(daysOfMonth) : "*")
                .month(list(months))
                .dayOfWeek(dayOfWeekRestricted ? list(daysOfWeek) : "*");
    }

    private static String list(BitSet values) {
        return values.stream().mapToObj(Integer::toString).collect(Collectors.joining(","));
    }

    @Override
    public String toString() {
        return text;
    }
}
