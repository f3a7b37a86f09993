package io.promptwatch.statistics.control;

/**
 * Spearman's rank correlation of n pairs: rho (ties get average ranks), R's statistic
 * S = (n³ − n)(1 − rho)/6 and the two-sided p-value of the t approximation, as R's
 * {@code cor.test(x, y, method = "spearman", exact = FALSE)}.
 */
public record SpearmanResult(int n, double rho, double s, double pValue) {
}
