package io.promptwatch.reporting.control;

import io.promptwatch.alerting.entity.CalibrationStatus;
import io.promptwatch.metrics.entity.MetricValues;
import io.promptwatch.registry.entity.Baseline;
import io.promptwatch.reporting.entity.DailyReport;
import io.promptwatch.reporting.entity.DailyReport.AlertLine;
import io.promptwatch.reporting.entity.DailyReport.Calibration;
import io.promptwatch.reporting.entity.DailyReport.ErrorRow;
import io.promptwatch.reporting.entity.DailyReport.HourPoint;
import io.promptwatch.reporting.entity.DailyReport.KeyMetric;
import io.promptwatch.reporting.entity.DailyReport.ModelRow;
import io.promptwatch.reporting.entity.DailyReport.Summary;
import io.promptwatch.reporting.entity.DailyReport.VersionRow;
import io.promptwatch.reporting.entity.Measure;
import io.promptwatch.reporting.entity.Recommendation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Composes the daily report from the figures read: no number is computed here that the metrics API
 * does not answer, except differences (today − yesterday, today − baseline, observed − predicted
 * quality) and an error type's share of the day's failures. Whatever the data leaves undefined is
 * {@code null} and explained in the report's warnings.
 */
public final class DailyContent {

    private final Trends trends;
    private final RecommendationRules rules;
    private final double wellCalibrated;
    private final double minorDrift;

    /**
     * @param wellCalibrated below this |delta| a version is well calibrated ({@code promptwatch.alerting.calibration.well-calibrated})
     * @param minorDrift     below this |delta|, and not well calibrated, it is in minor drift; significant drift from it on
     */
    public DailyContent(Trends trends, RecommendationRules rules, double wellCalibrated, double minorDrift) {
        CalibrationStatus.checkBounds(wellCalibrated, minorDrift);
        this.trends = trends;
        this.rules = rules;
        this.wellCalibrated = wellCalibrated;
        this.minorDrift = minorDrift;
    }

    public DailyReport compose(DayFigures f, Instant generatedAt) {
        List<String> warnings = new ArrayList<>(f.readingNotes());
        MetricValues today = f.today();
        Summary summary = new Summary(today.executions(), today.successRate(), today.latencyAvgMs(), today.feedbackAvg(),
                today.feedbackCount());
        if (today.executions() == 0) {
            warnings.add("No records on " + f.date() + ": the success rate, latencies, tokens and cost of the day are undefined.");
        } else {
            if (today.latencyAvgMs() == null) {
                warnings.add("No record of the day reports a latency: the latency figures are undefined.");
            }
            if (today.feedbackCount() == 0) {
                warnings.add("No user feedback on the day: user satisfaction is undefined.");
            }
        }
        if (f.yesterday().executions() == 0) {
            warnings.add("No records on the day before: the vs-yesterday differences and the trends are undefined.");
        }
        Baseline baseline = f.version() == null ? null : f.baselines().get(f.version());
        List<KeyMetric> keyMetrics = keyMetrics(today, f.yesterday(), baseline);
        List<String> withoutBaseline = keyMetrics.stream()
                .filter(k -> k.baseline() == null && k.measure().hasBaseline())
                .map(k -> k.measure().title()).toList();
        if (f.version() != null && !withoutBaseline.isEmpty()) {
            warnings.add("Version " + f.version() + "'s baseline names no " + String.join(", ", withoutBaseline)
                    + ": those vs-baseline differences are undefined (cost has no baseline).");
        }
        List<ErrorRow> errors = errors(today, f.yesterday());
        Calibration calibration = calibration(f.version(), baseline, f.versions().get(f.version()), warnings);
        List<VersionRow> versions = new ArrayList<>();
        f.versions().forEach((name, m) -> {
            Baseline b = f.baselines().get(name);
            versions.add(new VersionRow(name, m.executions(), m.successRate(), m.latencyP95Ms(), m.qualityAvg(),
                    Measure.SUCCESS_RATE.baselineOf(b), Measure.LATENCY_P95.baselineOf(b)));
        });
        List<ModelRow> models = new ArrayList<>();
        f.models().forEach((name, m) -> models.add(new ModelRow(name, m.executions(), m.successRate(), m.costAvg(),
                m.executions() == 0 ? null : m.costSum())));
        models.sort(Comparator.comparingLong(ModelRow::executions).reversed().thenComparing(ModelRow::model));
        long warning = f.alerts().stream().filter(a -> "warning".equals(a.severity())).count();
        long critical = f.alerts().stream().filter(a -> "critical".equals(a.severity())).count();
        if (f.alertsCapped()) {
            warnings.add("More alerts fired on the day than the report lists (promptwatch.reporting.max-alerts): the"
                    + " counts are of the " + f.alerts().size() + " newest.");
        }
        List<Recommendation> recommendations = rules.all(versions, errors, models);
        return new DailyReport(f.promptId(), f.promptName(), f.date(), f.from(), f.to(), f.version(), summary, keyMetrics,
                errors, calibration, hours(f), versions, models,
                new DailyReport.AlertsOfDay(warning, critical, List.copyOf(f.alerts()), List.copyOf(f.rollbacks())),
                recommendations, List.copyOf(warnings), generatedAt);
    }

    private List<KeyMetric> keyMetrics(MetricValues today, MetricValues yesterday, Baseline baseline) {
        List<KeyMetric> rows = new ArrayList<>();
        for (Measure m : Measure.values()) {
            Double now = m.valueIn(today);
            Double before = m.valueIn(yesterday);
            Double expected = m.baselineOf(baseline);
            rows.add(new KeyMetric(m, now, before, expected, minus(now, before), minus(now, expected),
                    trends.of(now, before, m.unit())));
        }
        return rows;
    }

    /** Every error type of either day, most frequent today first; its share is of the day's failed records. */
    private List<ErrorRow> errors(MetricValues today, MetricValues yesterday) {
        Map<String, Long> now = today.errorsByType();
        Map<String, Long> before = yesterday.errorsByType();
        TreeSet<String> types = new TreeSet<>(now.keySet());
        types.addAll(before.keySet());
        List<ErrorRow> rows = new ArrayList<>();
        for (String type : types) {
            long count = now.getOrDefault(type, 0L);
            long previous = before.getOrDefault(type, 0L);
            Double share = today.failures() == 0 ? null : (double) count / today.failures();
            rows.add(new ErrorRow(type, count, share, previous, trends.ofCounts(count, previous)));
        }
        rows.sort(Comparator.comparingLong(ErrorRow::count).reversed().thenComparing(ErrorRow::type));
        return rows;
    }

    private Calibration calibration(String version, Baseline baseline, MetricValues served, List<String> warnings) {
        if (version == null) {
            warnings.add("The prompt had no active version at the day's end: no calibration status.");
            return new Calibration(null, null, null, 0, null, null, null);
        }
        Double predicted = baseline == null ? null : baseline.predictedQuality();
        Double observed = served == null ? null : served.qualityAvg();
        long scores = served == null ? 0 : served.qualityCount();
        if (predicted == null) {
            warnings.add("Version " + version + " has no predicted quality in its baseline: the calibration status is undefined.");
        }
        if (observed == null) {
            warnings.add("Version " + version + " has no quality score on the day: the calibration status is undefined.");
        }
        Double delta = minus(observed, predicted);
        CalibrationStatus status = status(delta);
        return new Calibration(version, predicted, observed, scores, delta, status,
                status == null ? null : status != CalibrationStatus.WELL_CALIBRATED);
    }

    /** The status of a delta by alerting's rule and the same bounds, so the report and {@code /calibration} agree. */
    CalibrationStatus status(Double delta) {
        return CalibrationStatus.of(delta, wellCalibrated, minorDrift);
    }

    /** The day's 24 hours, an hour without records being a point with no rate and no latency. */
    private static List<HourPoint> hours(DayFigures f) {
        List<HourPoint> points = new ArrayList<>();
        for (Instant start = f.from(); start.isBefore(f.to()); start = start.plus(Duration.ofHours(1))) {
            MetricValues m = f.hours().get(start);
            points.add(m == null ? new HourPoint(start, 0, null, null)
                    : new HourPoint(start, m.executions(), m.successRate(), m.latencyP95Ms()));
        }
        return points;
    }

    private static Double minus(Double a, Double b) {
        return a == null || b == null ? null : a - b;
    }
}
