/**
 * Statistics (SPEC §5): two-sample and proportion tests with effect sizes, multiple-comparison
 * correction, power analysis, sequential (mSPRT) evaluation of experiments, correlations, success
 * prediction and time series analysis.
 */
package io.promptwatch.statistics;
