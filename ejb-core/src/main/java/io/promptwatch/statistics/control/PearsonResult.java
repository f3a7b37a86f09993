package io.promptwatch.statistics.control;

/**
 * Pearson's product-moment correlation of n pairs: r, its t statistic with n − 2 degrees of freedom, the
 * two-sided p-value and the Fisher-z confidence interval of r, as R's {@code cor.test(x, y, method = "pearson")}.
 * With n = 3 the interval is undefined (R gives none) and both bounds are NaN.
 */
public record PearsonResult(int n, double r, double t, double df, double pValue, double ciLow, double ciHigh) {
}
