package io.promptwatch.statistics.control;

/**
 * The Mann–Whitney (Wilcoxon rank-sum) test: W is the control group's rank sum minus nControl(nControl+1)/2
 * (R's {@code wilcox.test(control, variant)$statistic}); z is the tie- and continuity-corrected normal
 * score (positive when the control tends to rank higher) and the p-value is two-sided.
 */
public record MannWhitneyResult(double w, double z, double pValue) {
}
