package io.promptwatch.metrics.control;

import io.promptwatch.metrics.entity.Window;
import java.time.Instant;

/**
 * Identifies one rollup bucket: a window's time slot of one {@link Breakdown} for one prompt,
 * version, model and domain, a dimension the breakdown sums over being {@link #ANY}.
 */
public record BucketKey(Window window, Instant start, Breakdown breakdown, String promptId, String version, String model,
                        String domain) {

    /** The value of a dimension a breakdown sums over (the breakdown tells it from "no domain", also ""). */
    public static final String ANY = "";
}
