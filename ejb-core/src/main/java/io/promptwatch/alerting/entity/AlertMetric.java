package io.promptwatch.alerting.entity;

import io.promptwatch.metrics.entity.MetricValues;
import io.promptwatch.registry.entity.Baseline;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * What a rule watches, read from a window's merged metrics: the value, the number of records it
 * rests on (a rule needs its minimum before it speaks), and the version's baseline for it when the
 * deployment specification has one.
 */
public enum AlertMetric {
    ERROR_RATE("error_rate", MetricValues::failureRate, MetricValues::executions, null, true) {
        @Override
        public long hitsIn(MetricValues metrics) {
            return metrics.failures();
        }
    },
    SUCCESS_RATE("success_rate", MetricValues::successRate, MetricValues::executions, Baseline::expectedAccuracy, false) {
        @Override
        public long hitsIn(MetricValues metrics) {
            return metrics.successes();
        }
    },
    LATENCY_P50("latency_p50", MetricValues::latencyP50Ms, MetricValues::executions, Baseline::latencyP50Ms, true),
    LATENCY_P95("latency_p95", MetricValues::latencyP95Ms, MetricValues::executions, Baseline::latencyP95Ms, true),
    LATENCY_P99("latency_p99", MetricValues::latencyP99Ms, MetricValues::executions, null, true),
    AVG_FEEDBACK("avg_feedback", MetricValues::feedbackAvg, MetricValues::feedbackCount, null, false),
    AVG_QUALITY("avg_quality", MetricValues::qualityAvg, MetricValues::qualityCount, Baseline::predictedQuality, false),
    COST_PER_EXECUTION("cost_per_execution", MetricValues::costAvg, MetricValues::executions, null, true),
    VOLUME("volume", m -> (double) m.executions(), m -> Long.MAX_VALUE, null, null),
    CALIBRATION_DRIFT("calibration_drift", m -> null, MetricValues::qualityCount, null, true);

    private final String label;
    private final Function<MetricValues, Double> value;
    private final ToLongFunction<MetricValues> samples;
    private final Function<Baseline, Double> baseline;
    private final Boolean higherIsWorse;

    AlertMetric(String label, Function<MetricValues, Double> value, ToLongFunction<MetricValues> samples,
                Function<Baseline, Double> baseline, Boolean higherIsWorse) {
        this.label = label;
        this.value = value;
        this.samples = samples;
        this.baseline = baseline;
        this.higherIsWorse = higherIsWorse;
    }

    /**
     * Which way an unusual value is bad, for the anomaly comparison: up for errors, latency and cost,
     * down for success, feedback and quality, either way for volume ({@code null}).
     */
    public Boolean higherIsWorse() {
        return higherIsWorse;
    }

    public String label() {
        return label;
    }

    /** The metric in a window, {@code null} when the window has no record that reports it. */
    public Double valueIn(MetricValues metrics) {
        return value.apply(metrics);
    }

    /** The records the value rests on; volume rests on no minimum (a window without records has volume 0). */
    public long samplesIn(MetricValues metrics) {
        return samples.applyAsLong(metrics);
    }

    /** Whether the value is a share of the records (hits among {@link #samplesIn}), which has a confidence interval. */
    public boolean isRate() {
        return this == ERROR_RATE || this == SUCCESS_RATE;
    }

    /** The records the rate counts; only a rate has them. */
    public long hitsIn(MetricValues metrics) {
        throw new UnsupportedOperationException(label + " is not a rate");
    }

    public boolean hasBaseline() {
        return baseline != null;
    }

    /** The version's expected value, {@code null} when its specification names none. */
    public Double baselineOf(Baseline spec) {
        return baseline == null || spec == null ? null : baseline.apply(spec);
    }

    public static Optional<AlertMetric> parse(String label) {
        return Arrays.stream(values()).filter(m -> m.label.equals(label)).findFirst();
    }

    public static String labels() {
        return Arrays.stream(values()).map(AlertMetric::label).collect(Collectors.joining(", "));
    }
}
