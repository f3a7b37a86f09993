package io.promptwatch.reports.archive;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Calendar months in UTC as the archive uses them: a month is archived once it has ended by the hot
 * horizon, and its records are those stamped in [first instant of the month, first instant of the next).
 */
final class ArchiveMonths {

    private static final Pattern FORMAT = Pattern.compile("\\d{4}-\\d{2}");

    private ArchiveMonths() {
    }

    /**
     * The end of the last month that has ended by {@code horizon}: the start of the month holding it.
     * Records stamped before this instant lie in months wholly older than the horizon.
     */
    static Instant cutoff(Instant horizon) {
        return start(YearMonth.from(horizon.atZone(ZoneOffset.UTC)));
    }

    static Instant start(YearMonth month) {
        return month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    static Instant end(YearMonth month) {
        return start(month.plusMonths(1));
    }

    /** {@code yyyy-MM} (four-digit year, two-digit month) or empty when {@code text} is not one. */
    static java.util.Optional<YearMonth> parse(String text) {
        if (text == null || !FORMAT.matcher(text).matches()) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(YearMonth.parse(text));
        } catch (DateTimeParseException e) {
            return java.util.Optional.empty();
        }
    }
}
