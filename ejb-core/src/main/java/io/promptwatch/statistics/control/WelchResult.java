package io.promptwatch.statistics.control;

/**
 * Welch's unequal-variance t-test of variant against control: the groups' sizes, means and standard
 * deviations, the difference of means (variant − control), t, the Welch–Satterthwaite degrees of
 * freedom, the two-sided p-value and the confidence interval of the difference.
 */
public record WelchResult(int nControl, int nVariant, double meanControl, double meanVariant, double sdControl,
                          double sdVariant, double difference, double t, double df, double pValue, double ciLow,
                          double ciHigh) {
}
