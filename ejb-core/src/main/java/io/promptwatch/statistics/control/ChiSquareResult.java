package io.promptwatch.statistics.control;

/** Pearson's chi-square test of homogeneity: the statistic, its degrees of freedom and the upper-tail p-value. */
public record ChiSquareResult(double statistic, int df, double pValue) {
}
