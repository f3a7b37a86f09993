package io.promptwatch.metrics.control;

import java.time.Instant;

/** Identifies one rollup bucket: a window's time slot for one prompt version, model and domain. */
public record BucketKey(Window window, Instant start, String promptId, String version, String model, String domain) {

    /** Prompt id and version of the buckets that count every prompt (no prompt id can be "*"). */
    public static final String ALL = "*";
}
