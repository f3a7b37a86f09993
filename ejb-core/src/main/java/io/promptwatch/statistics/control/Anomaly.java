package io.promptwatch.statistics.control;

import java.time.Instant;

/**
 * A point one anomaly rule flagged: its 0-based index in the series, time, value and the rule's signed
 * statistic (z-score, distance beyond the nearer quartile in IQRs, or modified z-score).
 */
public record Anomaly(int index, Instant time, double value, double score) {
}
