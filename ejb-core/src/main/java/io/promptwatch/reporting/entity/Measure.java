package io.promptwatch.reporting.entity;

import io.promptwatch.metrics.entity.MetricValues;
import io.promptwatch.registry.entity.Baseline;
import java.util.function.Function;

/**
 * The rows of the daily report's key-metrics table (seed 002's template plus cost). Each reads its
 * value from the metrics API's figures, whose JSON name it keeps, and its expectation from the
 * version's baseline when the deployment specification has one (success rate against the expected
 * accuracy, as the alert rules read it; cost has no baseline).
 */
public enum Measure {
    SUCCESS_RATE("successRate", "Success Rate", Unit.RATE, MetricValues::successRate, Baseline::expectedAccuracy),
    LATENCY_P50("latencyP50Ms", "Latency P50", Unit.MS, MetricValues::latencyP50Ms, Baseline::latencyP50Ms),
    LATENCY_P95("latencyP95Ms", "Latency P95", Unit.MS, MetricValues::latencyP95Ms, Baseline::latencyP95Ms),
    TOKENS_AVG("totalTokensAvg", "Avg Tokens", Unit.TOKENS, MetricValues::totalTokensAvg, Baseline::tokensAvg),
    COST("costSum", "Cost", Unit.COST, MetricValues::costSum, null),
    COST_PER_EXECUTION("costAvg", "Cost per Execution", Unit.COST, MetricValues::costAvg, null);

    private final String key;
    private final String title;
    private final Unit unit;
    private final Function<MetricValues, Double> value;
    private final Function<Baseline, Double> baseline;

    Measure(String key, String title, Unit unit, Function<MetricValues, Double> value, Function<Baseline, Double> baseline) {
        this.key = key;
        this.title = title;
        this.unit = unit;
        this.value = value;
        this.baseline = baseline;
    }

    /** The figure's name in the metrics API's JSON. */
    public String key() {
        return key;
    }

    public String title() {
        return title;
    }

    public Unit unit() {
        return unit;
    }

    /**
     * The figure in a day's metrics, {@code null} when no record reports it. A day without records
     * has no cost either: its cost sum (0) would read as "free", so it is {@code null} too.
     */
    public Double valueIn(MetricValues metrics) {
        return metrics == null || metrics.executions() == 0 ? null : value.apply(metrics);
    }

    /** Whether a deployment specification can name an expectation for this figure. */
    public boolean hasBaseline() {
        return baseline != null;
    }

    /** The version's expected value, {@code null} without a baseline for it. */
    public Double baselineOf(Baseline spec) {
        return spec == null || baseline == null ? null : baseline.apply(spec);
    }
}
