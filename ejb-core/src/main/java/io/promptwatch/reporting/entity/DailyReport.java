package io.promptwatch.reporting.entity;

import io.promptwatch.alerting.entity.CalibrationStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One prompt's day (UTC, [from, to)) as seed 002's "Daily Report Template" lays it out, plus the
 * tables its recommendations rest on and the hourly points of its charts. Every figure is read from
 * the rollups through the metrics boundary, so it equals what the metrics API answers for the same
 * day ({@code /metrics?window=24h}, {@code ?window=1h}, {@code /metrics/versions}). A figure the
 * data does not define (a rate of no records, a baseline nobody set) is {@code null}, with a line in
 * {@link #warnings} saying why; never NaN.
 *
 * @param version the version active at the end of the day (from the registry's events), the one the
 *                calibration status and the "vs baseline" column are about
 */
public record DailyReport(String promptId, String promptName, LocalDate date, Instant from, Instant to, String version,
                          Summary summary, List<KeyMetric> keyMetrics, List<ErrorRow> errors, Calibration calibration,
                          List<HourPoint> hours, List<VersionRow> versions, List<ModelRow> models, AlertsOfDay alerts,
                          List<Recommendation> recommendations, List<String> warnings, Instant generatedAt) {

    /**
     * @param userSatisfaction the average user feedback on the 1–5 scale ("x/5"), over {@code feedbackCount} records
     */
    public record Summary(long executions, Double successRate, Double latencyAvgMs, Double userSatisfaction,
                          long feedbackCount) {
    }

    /**
     * A row of the key-metrics table: today, yesterday and the version's baseline, the differences
     * today − yesterday and today − baseline, and the trend against yesterday.
     */
    public record KeyMetric(Measure measure, Double today, Double yesterday, Double baseline, Double vsYesterday,
                            Double vsBaseline, Trend trend) {
    }

    /**
     * An error type: its count, its share of the day's failed records, yesterday's count and the trend.
     */
    public record ErrorRow(String type, long count, Double share, long yesterday, Trend trend) {
    }

    /**
     * The version's predicted quality (its baseline) against the average automated quality score its
     * records got on the day ({@code qualityCount} scores): delta = observed − predicted.
     */
    public record Calibration(String version, Double predicted, Double observed, long qualityCount, Double delta,
                              CalibrationStatus status, Boolean adjustmentRecommended) {
    }

    /** One hour of the day for the charts; rates and latency are {@code null} in an hour without records. */
    public record HourPoint(Instant start, long executions, Double successRate, Double latencyP95Ms) {
    }

    /** A version that served the prompt on the day, beside its baseline (the first recommendation rules read these). */
    public record VersionRow(String version, long executions, Double successRate, Double latencyP95Ms, Double qualityAvg,
                             Double baselineSuccessRate, Double baselineLatencyP95Ms) {
    }

    /** A model that served the prompt on the day (the cheaper-model rule reads these). */
    public record ModelRow(String model, long executions, Double successRate, Double costAvg, Double costSum) {
    }

    /** The day's alerts of the prompt, by severity, and its rollbacks. */
    public record AlertsOfDay(long warning, long critical, List<AlertLine> alerts, List<RollbackLine> rollbacks) {
    }

    public record AlertLine(String id, Instant firedAt, String severity, String rule, String version, String metric,
                            Double observed, Double limit, String state) {
    }

    public record RollbackLine(String id, Instant at, String fromVersion, String toVersion, boolean automatic, String reason) {
    }
}
