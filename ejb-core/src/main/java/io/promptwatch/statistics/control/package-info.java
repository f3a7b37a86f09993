/**
 * The statistical core as pure functions checked against R: Welch and Mann–Whitney tests, two-proportion
 * and chi-square tests, Cohen's d and h, Holm and Benjamini–Hochberg adjustment, sample size and power,
 * the mSPRT, Wilson intervals, Pearson and Spearman correlation, logistic regression, and time series
 * (trend, seasonality, anomalies, Holt–Winters forecasts). Two-sided throughout; the first group is the
 * control and a difference is variant − control.
 */
package io.promptwatch.statistics.control;
