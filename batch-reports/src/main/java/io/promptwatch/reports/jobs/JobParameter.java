package io.promptwatch.reports.jobs;

import io.promptwatch.persistence.StorableInstants;
import io.promptwatch.problem.ProblemException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * One parameter a job takes, with the check that refuses a bad value before the job starts (a 400
 * naming the parameter, never a job that fails an hour later) and the default it runs with.
 *
 * @param check the value as the job gets it, or a {@link ProblemException} naming the parameter
 * @param changeableOnRestart whether a restart may give it another value (a chunk size may change;
 *                            what an export selects may not, or its file would mix two selections)
 * @param defaultAtStart the default when it depends on when the job starts (a daily report's day: yesterday),
 *                       taken once at the start and kept in the execution's parameters, so a restart the next
 *                       day still reports the same day; null for the parameters with a fixed default or none
 */
public record JobParameter(String name, String description, String defaultValue, boolean changeableOnRestart,
                           UnaryOperator<String> check, Supplier<String> defaultAtStart) {

    public JobParameter(String name, String description, String defaultValue, boolean changeableOnRestart,
                        UnaryOperator<String> check) {
        this(name, description, defaultValue, changeableOnRestart, check, null);
    }

    /**
     * A UTC day such as {@code 2026-11-25}, not after today; by default the day before the one the job
     * starts on ({@code today}, the UTC day of the start, is asked for at each start).
     */
    public static JobParameter dayBefore(String name, String description, Supplier<LocalDate> today) {
        return new JobParameter(name, description, null, false, value -> {
            LocalDate day;
            try {
                day = LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                throw ProblemException.invalid(name, name + " must be a day such as 2026-11-25 (a UTC day); got '" + value + "'");
            }
            if (day.isAfter(today.get())) {
                throw ProblemException.invalid(name, name + " lies in the future: " + day);
            }
            if (day.getYear() < 2000) {
                throw ProblemException.invalid(name, name + " must lie in year 2000 or after; got " + day);
            }
            return day.toString();
        }, () -> today.get().minusDays(1).toString());
    }

    /** The UTC day now, as {@link #dayBefore} asks for it in production. */
    public static LocalDate todayUtc() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    /** Text of at most {@code maxLength} characters, without control characters. */
    public static JobParameter text(String name, String description, int maxLength) {
        return new JobParameter(name, description, null, false, value -> {
            if (value.isEmpty() || value.length() > maxLength || value.chars().anyMatch(Character::isISOControl)) {
                throw ProblemException.invalid(name, name + " must be 1 to " + maxLength + " characters without control characters");
            }
            return value;
        });
    }

    /** An ISO-8601 instant such as {@code 2026-11-25T00:00:00Z}. */
    public static JobParameter instant(String name, String description) {
        return new JobParameter(name, description, null, false, value -> {
            try {
                return StorableInstants.require(name, Instant.parse(value)).toString();
            } catch (DateTimeParseException e) {
                throw ProblemException.invalid(name, name + " must be an ISO-8601 instant such as 2026-11-25T00:00:00Z");
            }
        });
    }

    /** A calendar month {@code yyyy-MM} such as {@code 2026-01} (UTC), from year 1 to 9999. */
    public static JobParameter month(String name, String description) {
        return new JobParameter(name, description, null, false, value -> {
            if (value.matches("\\d{4}-\\d{2}")) {
                try {
                    YearMonth month = YearMonth.parse(value);
                    if (month.getYear() >= 1) {
                        return month.toString();
                    }
                } catch (DateTimeParseException e) {
                    // refused below
                }
            }
            throw ProblemException.invalid(name, name + " must be a month yyyy-MM such as 2026-01; got '" + value + "'");
        });
    }

    /** One of {@code choices}; the first is the default. */
    public static JobParameter choice(String name, String description, String... choices) {
        List<String> allowed = List.of(choices);
        return new JobParameter(name, description, choices[0], false, value -> {
            if (!allowed.contains(value)) {
                throw ProblemException.invalid(name, name + " must be one of " + String.join(", ", allowed) + "; got '" + value + "'");
            }
            return value;
        });
    }

    /** A whole number from {@code min} to {@code max}. */
    public static JobParameter wholeNumber(String name, String description, long defaultValue, long min, long max) {
        return new JobParameter(name, description, Long.toString(defaultValue), false, value -> {
            Long n = wholeNumber(value);
            if (n != null && n >= min && n <= max) {
                return Long.toString(n);
            }
            throw ProblemException.invalid(name, name + " must be a whole number from " + min + " to " + max + "; got '" + value + "'");
        });
    }

    /**
     * A whole number from {@code min} to the value of the setting {@code maxSetting}, which {@code max} reads
     * when a value reaches {@code min} (at a start or a restart, so a changed setting holds from the next one on).
     */
    public static JobParameter wholeNumber(String name, String description, long defaultValue, long min, LongSupplier max,
                                           String maxSetting) {
        return new JobParameter(name, description, Long.toString(defaultValue), false, value -> {
            Long n = wholeNumber(value);
            if (n == null || n < min) {
                throw ProblemException.invalid(name, name + " must be a whole number from " + min + " to the value of "
                        + maxSetting + "; got '" + value + "'");
            }
            long most = max.getAsLong();
            if (n > most) {
                throw ProblemException.invalid(name, name + " must be at most " + most + " (" + maxSetting + "); got " + n);
            }
            return Long.toString(n);
        });
    }

    private static Long wholeNumber(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    /** The same parameter, which a restart may change. */
    public JobParameter alsoOnRestart() {
        return new JobParameter(name, description, defaultValue, true, check, defaultAtStart);
    }
}
