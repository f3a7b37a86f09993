package io.promptwatch.metrics.entity;

import java.util.List;
import java.util.Map;

/**
 * Every metric of a set of records, as answered by the API. Averages are over the records that
 * report the value (null when none does); rates over all executions. {@code uniqueUsers} and the
 * latency percentiles are sketch estimates (see the rollup bucket, {@code metrics.control.Bucket}, for their error bounds).
 */
public record MetricValues(long executions, long uniqueUsers, long successes, long failures, Double successRate,
                           Double failureRate, Double latencyAvgMs, Double latencyP50Ms, Double latencyP95Ms,
                           Double latencyP99Ms, Double latencyMaxMs, Double inputTokensAvg, long inputTokensSum,
                           Double outputTokensAvg, long outputTokensSum, Double totalTokensAvg, long totalTokensSum,
                           double costSum, Double costAvg, Double feedbackAvg, long feedbackCount, Double qualityAvg,
                           long qualityCount, Map<String, Long> errorsByType, List<ErrorCount> topErrors) {

    public static final int TOP_ERRORS = 5;

    public record ErrorCount(String type, long count) {
    }
}
