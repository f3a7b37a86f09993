package io.promptwatch.alerting.control;

import io.promptwatch.metrics.entity.Window;
import io.promptwatch.problem.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The windows an alert rule may look at. They are not all rollup windows (there is no 10m or 15m
 * bucket): a rule window is merged from the rollup buckets that exactly cover it, because the
 * sketches merge and raw records are never read for alerting.
 */
public enum RuleWindow {
    FIVE_MINUTES("5m", Duration.ofMinutes(5)),
    TEN_MINUTES("10m", Duration.ofMinutes(10)),
    FIFTEEN_MINUTES("15m", Duration.ofMinutes(15)),
    HOUR("1h", Duration.ofHours(1)),
    DAY("24h", Duration.ofDays(1));

    /** Coarsest first: the order in which {@link #cover(Instant, Instant)} tries the rollup windows. */
    private static final List<Window> COARSEST_FIRST = Arrays.stream(Window.values())
            .sorted(Comparator.comparing(Window::length).reversed()).toList();

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

    /** The span this window covers when evaluated at {@code now}: see {@link #cover(Instant)}. */
    public Instant start(Instant now) {
        return end(now).minus(length);
    }

    /**
     * The exclusive end of this window when evaluated at {@code now}: {@code now} floored to the minute,
     * because the minute in progress is not complete and its bucket would make the window's last part
     * thinner than the rest.
     */
    public static Instant end(Instant now) {
        return now.truncatedTo(ChronoUnit.MINUTES);
    }

    /**
     * The rollup buckets that exactly cover this window evaluated at {@code now}: [end − length, end)
     * with end = {@code now} floored to the minute. See {@link #cover(Instant, Instant)}.
     */
    public List<RollupPiece> cover(Instant now) {
        Instant end = end(now);
        return cover(end.minus(length), end);
    }

    /**
     * The fewest rollup buckets that exactly cover [from, to), in time order: from left to right, the
     * coarsest bucket that starts at the current instant and ends within the span. The rollup windows
     * nest (1m in 5m in 1h in 6h in 24h, all aligned to UTC), so this greedy choice is also the cover with the
     * fewest buckets: fine buckets appear only at the two ragged ends, e.g. 10:07–11:07 is 1m 10:07,
     * 10:08, 10:09, 5m 10:10 … 11:00, 1m 11:05, 11:06 (16 buckets instead of 60).
     *
     * <p>A 24h rule window not aligned to the day begins with 1m buckets almost exactly one day old,
     * which is where the 1m retention ({@code promptwatch.metrics.retention.1m}, P1D) ends: the 1m
     * retention must stay longer than a day by the evaluator's lag.
     *
     * @throws IllegalArgumentException when a bound is not on a minute or {@code to} is before {@code from}
     */
    public static List<RollupPiece> cover(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!Window.MINUTE.floor(from).equals(from) || !Window.MINUTE.floor(to).equals(to)) {
            throw new IllegalArgumentException("a span covered by rollup buckets starts and ends on a minute: ["
                    + from + ", " + to + ")");
        }
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the span ends before it starts: [" + from + ", " + to + ")");
        }
        List<RollupPiece> pieces = new ArrayList<>();
        Instant at = from;
        while (at.isBefore(to)) {
            Instant start = at;
            Window window = COARSEST_FIRST.stream()
                    .filter(w -> w.floor(start).equals(start) && !start.plus(w.length()).isAfter(to))
                    .findFirst().orElseThrow(); // 1m always fits: both bounds are on a minute
            pieces.add(new RollupPiece(window, start));
            at = start.plus(window.length());
        }
        return List.copyOf(pieces);
    }
}
