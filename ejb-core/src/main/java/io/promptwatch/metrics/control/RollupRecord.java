package io.promptwatch.metrics.control;

import java.time.Instant;
import java.util.List;

/** The fields of one stored execution that the rollups count (nulls: not reported). */
public record RollupRecord(long id, Instant timestamp, String promptId, String version, String model, String domain,
                           Double latencyMs, Integer inputTokens, Integer outputTokens, Integer totalTokens, Double cost,
                           boolean success, String errorType, Integer userFeedback, Double qualityScore, String userId) {

    /**
     * The record's buckets in a window: its prompt version's, and the all-prompts bucket of its
     * model ({@link BucketKey#ALL}), which answers questions across prompts without reading every
     * prompt's rows. {@code ""} stands for "no domain".
     */
    public List<BucketKey> keys(Window window) {
        Instant start = window.floor(timestamp);
        String d = domain == null ? "" : domain;
        return List.of(new BucketKey(window, start, promptId, version, model, d),
                new BucketKey(window, start, BucketKey.ALL, BucketKey.ALL, model, d));
    }
}
