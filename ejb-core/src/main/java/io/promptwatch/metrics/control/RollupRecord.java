package io.promptwatch.metrics.control;

import io.promptwatch.metrics.entity.Window;
import java.time.Instant;
import java.util.List;

/** The fields of one stored execution that the rollups count (nulls: not reported). */
public record RollupRecord(long id, Instant timestamp, String promptId, String version, String model, String domain,
                           Double latencyMs, Integer inputTokens, Integer outputTokens, Integer totalTokens, Double cost,
                           boolean success, String errorType, Integer userFeedback, Double qualityScore, String userId) {

    /**
     * The record's bucket in a window in each {@link Breakdown}: its prompt version × model ×
     * domain, its prompt, its prompt version, its prompt × model, and all prompts × its model ×
     * domain. {@code ""} stands for "no domain".
     */
    public List<BucketKey> keys(Window window) {
        Instant start = window.floor(timestamp);
        String d = domain == null ? "" : domain;
        String any = BucketKey.ANY;
        return List.of(new BucketKey(window, start, Breakdown.DETAIL, promptId, version, model, d),
                new BucketKey(window, start, Breakdown.PROMPT, promptId, any, any, any),
                new BucketKey(window, start, Breakdown.VERSION, promptId, version, any, any),
                new BucketKey(window, start, Breakdown.MODEL, promptId, any, model, any),
                new BucketKey(window, start, Breakdown.ACROSS_PROMPTS, any, any, model, d));
    }
}
