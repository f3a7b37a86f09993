package io.promptwatch.metrics.control;

import io.promptwatch.metrics.entity.Window;
import java.time.Instant;
import java.util.Comparator;

/**
 * Identifies one rollup bucket: a window's time slot of one {@link Breakdown} for one prompt,
 * version, model and domain, a dimension the breakdown sums over being {@link #ANY}.
 */
public record BucketKey(Window window, Instant start, Breakdown breakdown, String promptId, String version, String model,
                        String domain) {

    /** The value of a dimension a breakdown sums over (the breakdown tells it from "no domain", also ""). */
    public static final String ANY = "";

    /** A fixed order of keys (window, start, breakdown, then the dimensions): the order buckets are merged in. */
    public static final Comparator<BucketKey> ORDER = Comparator.comparing(BucketKey::window)
            .thenComparing(BucketKey::start)
            .thenComparing(BucketKey::breakdown)
            .thenComparing(BucketKey::promptId, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(BucketKey::version, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(BucketKey::model, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(BucketKey::domain, Comparator.nullsFirst(Comparator.naturalOrder()));
}
