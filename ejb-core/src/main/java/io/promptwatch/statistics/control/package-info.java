/**
 * The statistical core as pure functions checked against R; two-sided throughout, the first group is the
 * control and a difference is variant − control. Where each analysis lives:
 * <ul>
 * <li>comparisons: {@code TwoSampleTests} (Welch, Mann–Whitney, Cohen's d), {@code ProportionTests} (two
 * proportions, chi-square, Cohen's h), {@code WilsonInterval}, {@code Magnitude}; sequential looks:
 * {@code Msprt};</li>
 * <li>features: {@code Correlations} (Pearson, Spearman); {@code LogisticRegression} fits a
 * {@code LogisticModel}, {@code DesignChecks} refuse rank-deficient or separable data, {@code HoldOutSplit}
 * and {@code RocAuc} judge the predictions;</li>
 * <li>time series, one class per result: {@code TrendAnalysis} → {@code Trend}, {@code SeasonalityAnalysis}
 * → {@code Seasonality}, {@code AnomalyDetection} → {@code Anomalies}, {@code HoltWinters} →
 * {@code Forecast};</li>
 * <li>distributions: {@code Distributions}, {@code NoncentralT}.</li>
 * </ul>
 * Holm and Benjamini–Hochberg adjustment and power analysis are in statistics.boundary. Every mean and
 * variance is Commons Math's {@code StatUtils} (the corrected two-pass algorithm), so all give the same numbers.
 */
package io.promptwatch.statistics.control;
