package io.promptwatch.alerting.control;

import io.promptwatch.problem.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The windows an alert rule may look at. They are not all rollup windows (there is no 10m or 15m
 * bucket): a rule window is merged from the rollup buckets that exactly cover it, the fewest that do
 * ({@code MetricsQuery.byVersion}), because the sketches merge and raw records are never read for alerting.
 */
public enum RuleWindow {
    FIVE_MINUTES("5m", Duration.ofMinutes(5)),
    TEN_MINUTES("10m", Duration.ofMinutes(10)),
    FIFTEEN_MINUTES("15m", Duration.ofMinutes(15)),
    HOUR("1h", Duration.ofHours(1)),
    DAY("24h", Duration.ofDays(1));

    private final String label;
    private final Duration length;

    RuleWindow(String label, Duration length) {
        this.label = label;
        this.length = length;
    }

    public String label() {
        return label;
    }

    public Duration length() {
        return length;
    }

    /** The labels a rule may use, in order: "5m, 10m, 15m, 1h, 24h". */
    public static String labels() {
        return Arrays.stream(values()).map(RuleWindow::label).collect(Collectors.joining(", "));
    }

    /**
     * The rule window of a label.
     *
     * @param field the request field the label came from, named in the refusal
     * @throws ProblemException 400 naming {@code field} and the allowed labels when the label is none of them
     */
    public static RuleWindow parse(String field, String label) {
        if (label == null || label.isBlank()) {
            throw ProblemException.invalid(field, field + " is required: one of " + labels());
        }
        return Arrays.stream(values()).filter(w -> w.label.equals(label.strip())).findFirst()
                .orElseThrow(() -> ProblemException.invalid(field,
                        field + " must be one of " + labels() + "; got '" + label + "'"));
    }

    /**
     * The exclusive end of every window evaluated at {@code now}: {@code now} floored to the minute,
     * because the minute in progress is not complete and its bucket would make the window's last part
     * thinner than the rest. A window spans [end − length, end).
     */
    public static Instant end(Instant now) {
        return now.truncatedTo(ChronoUnit.MINUTES);
    }
}
