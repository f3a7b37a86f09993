package io.promptwatch.metrics.control;

import io.promptwatch.metrics.entity.Window;
import java.time.Instant;
import java.util.List;

/**
 * How a time range is answered from buckets: one window, the range widened to whole buckets of
 * it. Without an explicit window the coarsest one is chosen that gives at least {@code minBuckets}
 * buckets over the range and is still kept at the range's start; the finest kept one otherwise
 * (among the windows {@link Window#chosen chosen} this way).
 */
public record Resolution(Window window, Instant from, Instant to) {

    public static final String RULE = "buckets of the resolution whose start lies in [from, to), the requested range"
            + " widened to whole buckets (from rounded down, to rounded up, UTC); larger ranges merge them";

    public static final String AGGREGATE_RULE = RULE + "; totals read whole buckets of the coarsest window that fits"
            + " inside (24h, 7d), and at the two ends the coarsest that fit there (6h, 1h, ...) down to the resolution's";

    public static Resolution of(Window window, Instant from, Instant to) {
        return new Resolution(window, window.floor(from), window.ceil(to));
    }

    public static Resolution choose(Instant from, Instant to, int minBuckets, Retention retention, Instant now) {
        List<Window> kept = List.of(Window.values()).stream()
                .filter(w -> w.chosen() && !w.floor(from).isBefore(retention.horizon(w, now)))
                .toList();
        if (kept.isEmpty()) {
            return of(Window.WEEK, from, to);
        }
        Window chosen = kept.get(0);
        for (Window w : kept) {
            if (of(w, from, to).buckets() >= minBuckets) {
                chosen = w;
            }
        }
        return of(chosen, from, to);
    }

    public long buckets() {
        return java.time.Duration.between(from, to).dividedBy(window.length());
    }
}
