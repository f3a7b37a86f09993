package io.promptwatch.metrics.control;

import java.util.List;
import java.util.Map;

/**
 * Every metric of a set of records, as answered by the API. Averages are over the records that
 * report the value (null when none does); rates over all executions. {@code uniqueUsers} and the
 * latency percentiles are sketch estimates (see {@link Bucket} for their error bounds).
 */
public record MetricValues(long executions, long uniqueUsers, long successes, long failures, Double successRate,
                           Double failureRate, Double latencyAvgMs, Double latencyP50Ms, Double latencyP95Ms,
                           Double latencyP99Ms, Double latencyMaxMs, Double inputTokensAvg, long inputTokensSum,
                           Double outputTokensAvg, long outputTokensSum, Double totalTokensAvg, long totalTokensSum,
                           double costSum, Double costAvg, Double feedbackAvg, long feedbackCount, Double qualityAvg,
                           long qualityCount, Map<String, Long> errorsByType, List<ErrorCount> topErrors) {

    static final int TOP_ERRORS = 5;

    public record ErrorCount(String type, long count) {
    }

    public static MetricValues of(Bucket b) {
        Map<String, Long> errors = b.errorsByType();
        List<ErrorCount> top = errors.entrySet().stream().limit(TOP_ERRORS)
                .map(e -> new ErrorCount(e.getKey(), e.getValue())).toList();
        return new MetricValues(b.executions, b.uniqueUsers(), b.successes, b.executions - b.successes,
                ratio(b.successes, b.executions), ratio(b.executions - b.successes, b.executions),
                average(b.latencySum, b.latencyCount), b.latencyQuantile(0.50), b.latencyQuantile(0.95),
                b.latencyQuantile(0.99), b.latencyMax, average(b.inputTokensSum, b.inputTokensCount), b.inputTokensSum,
                average(b.outputTokensSum, b.outputTokensCount), b.outputTokensSum,
                average(b.totalTokensSum, b.totalTokensCount), b.totalTokensSum, b.costSum, average(b.costSum, b.costCount),
                average(b.feedbackSum, b.feedbackCount), b.feedbackCount, average(b.qualitySum, b.qualityCount),
                b.qualityCount, errors, top);
    }

    private static Double ratio(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    private static Double average(double sum, long count) {
        return count == 0 ? null : sum / count;
    }
}
