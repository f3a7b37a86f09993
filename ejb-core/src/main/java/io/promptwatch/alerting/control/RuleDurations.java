package io.promptwatch.alerting.control;

import io.promptwatch.problem.ProblemException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The ISO-8601 durations of an alert rule ({@code repeatAfter}, {@code escalateAfter}). They are
 * positive: a zero or negative delay would re-notify or escalate on every evaluation.
 */
public final class RuleDurations {

    private RuleDurations() {
    }

    /**
     * The positive duration written in {@code text}, e.g. "PT30M" or "P1D" (java.time's
     * {@link Duration#parse}: days, hours, minutes, seconds; no months or years, whose length varies).
     *
     * @param field the request field the text came from, named in the refusal
     * @throws ProblemException 400 naming {@code field} when the text is missing, not a duration, zero or negative
     */
    public static Duration parse(String field, String text) {
        if (text == null || text.isBlank()) {
            throw ProblemException.invalid(field, field + " is required: an ISO-8601 duration such as PT30M");
        }
        Duration duration;
        try {
            duration = Duration.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, field + " must be an ISO-8601 duration such as PT30M or P1D"
                    + " (days, hours, minutes, seconds); got '" + text + "'");
        }
        if (duration.isZero() || duration.isNegative()) {
            throw ProblemException.invalid(field, field + " must be positive; got '" + text + "'");
        }
        return duration;
    }

    /** Like {@link #parse}, but an absent value (null or blank) is empty rather than refused. */
    public static Optional<Duration> parseOptional(String field, String text) {
        return text == null || text.isBlank() ? Optional.empty() : Optional.of(parse(field, text));
    }
}
