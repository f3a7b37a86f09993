package io.promptwatch.reporting.control;

import io.promptwatch.metrics.entity.MetricValues;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MetricValues as the metrics API would answer them, built field by field for the tests: rates are
 * derived from the counts exactly as the rollup bucket derives them (part / whole, null for no records).
 */
final class Values {

    long executions;
    long successes;
    Double latencyAvg;
    Double p50;
    Double p95;
    Double tokensAvg;
    double costSum;
    Double costAvg;
    Double feedbackAvg;
    long feedbackCount;
    Double qualityAvg;
    long qualityCount;
    final Map<String, Long> errors = new LinkedHashMap<>();

    static Values of(long executions, long successes) {
        Values v = new Values();
        v.executions = executions;
        v.successes = successes;
        return v;
    }

    Values latency(double avg, double p50, double p95) {
        latencyAvg = avg;
        this.p50 = p50;
        this.p95 = p95;
        return this;
    }

    Values tokens(double avg) {
        tokensAvg = avg;
        return this;
    }

    Values cost(double sum, double avg) {
        costSum = sum;
        costAvg = avg;
        return this;
    }

    Values feedback(double avg, long count) {
        feedbackAvg = avg;
        feedbackCount = count;
        return this;
    }

    Values quality(double avg, long count) {
        qualityAvg = avg;
        qualityCount = count;
        return this;
    }

    Values error(String type, long count) {
        errors.put(type, count);
        return this;
    }

    MetricValues build() {
        Double rate = executions == 0 ? null : (double) successes / executions;
        Double failureRate = executions == 0 ? null : (double) (executions - successes) / executions;
        List<MetricValues.ErrorCount> top = errors.entrySet().stream().limit(MetricValues.TOP_ERRORS)
                .map(e -> new MetricValues.ErrorCount(e.getKey(), e.getValue())).toList();
        return new MetricValues(executions, 0, successes, executions - successes, rate, failureRate, latencyAvg, p50, p95,
                p95, p95, null, 0, null, 0, tokensAvg, 0, costSum, costAvg, feedbackAvg, feedbackCount, qualityAvg,
                qualityCount, Map.copyOf(errors), top);
    }
}
