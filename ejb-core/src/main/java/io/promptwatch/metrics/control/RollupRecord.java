package io.promptwatch.metrics.control;

import java.time.Instant;

/** The fields of one stored execution that the rollups count (nulls: not reported). */
public record RollupRecord(long id, Instant timestamp, String promptId, String version, String model, String domain,
                           Double latencyMs, Integer inputTokens, Integer outputTokens, Integer totalTokens, Double cost,
                           boolean success, String errorType, Integer userFeedback, Double qualityScore, String userId) {

    /** The key of the record's bucket in a window ({@code ""} stands for "no domain"). */
    public BucketKey key(Window window) {
        return new BucketKey(window, window.floor(timestamp), promptId, version, model, domain == null ? "" : domain);
    }
}
