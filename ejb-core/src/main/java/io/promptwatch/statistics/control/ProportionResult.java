package io.promptwatch.statistics.control;

/**
 * The two-proportion z-test of variant against control: counts, rates, the difference of rates
 * (variant − control), the pooled z, its two-sided p-value, and the Wald confidence interval of the difference.
 */
public record ProportionResult(long successesControl, long nControl, long successesVariant, long nVariant,
                               double rateControl, double rateVariant, double difference, double z, double pValue,
                               double ciLow, double ciHigh) {
}
