package io.promptwatch.reports.jobs;

import io.promptwatch.persistence.StorableInstants;
import io.promptwatch.problem.ProblemException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One parameter a job takes, with the check that refuses a bad value before the job starts (a 400
 * naming the parameter, never a job that fails an hour later) and the default it runs with.
 *
 * @param check the value as the job gets it, or a {@link ProblemException} naming the parameter
 * @param changeableOnRestart whether a restart may give it another value (a chunk size may change;
 *                            what an export selects may not, or its file would mix two selections)
 */
public record JobParameter(String name, String description, String defaultValue, boolean changeableOnRestart,
                           UnaryOperator<String> check) {

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
            try {
                long n = Long.parseLong(value);
                if (n >= min && n <= max) {
                    return Long.toString(n);
                }
            } catch (NumberFormatException notANumber) {
                // refused below
            }
            throw ProblemException.invalid(name, name + " must be a whole number from " + min + " to " + max + "; got '" + value + "'");
        });
    }

    /** The same parameter, which a restart may change. */
    public JobParameter alsoOnRestart() {
        return new JobParameter(name, description, defaultValue, true, check);
    }
}
