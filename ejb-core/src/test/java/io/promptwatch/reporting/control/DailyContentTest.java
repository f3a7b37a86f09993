package io.promptwatch.reporting.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptwatch.alerting.entity.CalibrationStatus;
import io.promptwatch.metrics.entity.MetricValues;
import io.promptwatch.registry.entity.Baseline;
import io.promptwatch.reporting.entity.DailyReport;
import io.promptwatch.reporting.entity.DailyReport.AlertLine;
import io.promptwatch.reporting.entity.DailyReport.ErrorRow;
import io.promptwatch.reporting.entity.DailyReport.KeyMetric;
import io.promptwatch.reporting.entity.Measure;
import io.promptwatch.reporting.entity.Recommendation.Rule;
import io.promptwatch.reporting.entity.Trend;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The daily report's composition from fixed figures. Every expected number is the figure handed in
 * or a difference or share worked by hand beside it; what the data leaves undefined must come out
 * {@code null} with a warning, and no figure anywhere may be NaN.
 */
class DailyContentTest {

    private static final double EXACT = 1e-12;
    private static final LocalDate DATE = LocalDate.parse("2026-03-09");
    private static final Instant FROM = Instant.parse("2026-03-09T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-03-10T00:00:00Z");

    private final DailyContent content = new DailyContent(new Trends(0.005, 0.05),
            new RecommendationRules(30, 5, 2, 30, 0.01, 0.20), 0.05, 0.15);

    /** Version 2.0.0's deployment specification: predicted quality 0.85, accuracy 0.93, p50 700, p95 1500, tokens 480. */
    private static final Baseline BASELINE = new Baseline(0.85, 0.93, 700.0, 1500.0, 480.0, 1200, 0.9);

    private static DayFigures figures(MetricValues today, MetricValues yesterday, Map<String, MetricValues> versions,
                                      Map<String, MetricValues> models, List<AlertLine> alerts) {
        TreeMap<Instant, MetricValues> hours = new TreeMap<>();
        // Records in hours 03 and 04 only: 10 records, 9 successes, p95 1000 ms; then 20, 18, p95 1100 ms.
        hours.put(FROM.plus(Duration.ofHours(3)), Values.of(10, 9).latency(900, 800, 1000).build());
        hours.put(FROM.plus(Duration.ofHours(4)), Values.of(20, 18).latency(950, 850, 1100).build());
        return new DayFigures("support-triage", "Support triage", DATE, FROM, TO, "2.0.0", today, yesterday, hours, versions,
                Map.of("2.0.0", BASELINE), models, alerts, false, List.of(), List.of());
    }

    @Test
    void summaryKeyMetricsAndErrorsFromTheDaysFigures() {
        // Today: 240 records, 219 successes (rate 0.9125), 21 failures: timeout 12, rate_limit 6, bad 3.
        MetricValues today = Values.of(240, 219).latency(812.5, 640, 1480).tokens(512.5).cost(3.6, 0.015)
                .feedback(4.2, 50).quality(0.78, 200).error("timeout", 12).error("rate_limit", 6).error("bad", 3).build();
        // Yesterday: 240 records, 228 successes (0.95), timeout 5, rate_limit 6, content_filter 1.
        MetricValues yesterday = Values.of(240, 228).latency(800, 600, 1200).tokens(500).cost(3.0, 0.0125)
                .error("timeout", 5).error("rate_limit", 6).error("content_filter", 1).build();
        MetricValues v2 = Values.of(200, 180).latency(820, 650, 1520).quality(0.78, 200).build();
        DailyReport r = content.compose(figures(today, yesterday, Map.of("2.0.0", v2), Map.of(), List.of()), TO);

        assertEquals(240, r.summary().executions());
        assertEquals(0.9125, r.summary().successRate(), EXACT);
        assertEquals(812.5, r.summary().latencyAvgMs(), EXACT);
        assertEquals(4.2, r.summary().userSatisfaction(), EXACT);
        assertEquals(50, r.summary().feedbackCount());

        Map<Measure, KeyMetric> k = new TreeMap<>();
        r.keyMetrics().forEach(m -> k.put(m.measure(), m));
        assertEquals(List.of(Measure.values()), List.copyOf(k.keySet()));
        // success rate: 0.9125 − 0.95 = −0.0375 (down, beyond 0.005); − 0.93 = −0.0175
        assertKey(k.get(Measure.SUCCESS_RATE), 0.9125, 0.95, 0.93, -0.0375, -0.0175, Trend.DOWN);
        // p50: 640 − 600 = +40 (> 30: up); 640 − 700 = −60
        assertKey(k.get(Measure.LATENCY_P50), 640.0, 600.0, 700.0, 40.0, -60.0, Trend.UP);
        // p95: 1480 − 1200 = +280 (up); 1480 − 1500 = −20
        assertKey(k.get(Measure.LATENCY_P95), 1480.0, 1200.0, 1500.0, 280.0, -20.0, Trend.UP);
        // tokens: 512.5 − 500 = +12.5 (≤ 25: flat); 512.5 − 480 = +32.5
        assertKey(k.get(Measure.TOKENS_AVG), 512.5, 500.0, 480.0, 12.5, 32.5, Trend.FLAT);
        // cost 3.6 − 3.0 = +0.6 (> 0.15: up), no baseline; per execution 0.015 − 0.0125 = +0.0025 (> 0.000625: up)
        assertKey(k.get(Measure.COST), 3.6, 3.0, null, 0.6, null, Trend.UP);
        assertKey(k.get(Measure.COST_PER_EXECUTION), 0.015, 0.0125, null, 0.0025, null, Trend.UP);

        // Errors of either day, most frequent today first; shares of today's 21 failures.
        assertEquals(List.of("timeout", "rate_limit", "bad", "content_filter"), r.errors().stream().map(ErrorRow::type).toList());
        assertError(r.errors().get(0), 12, 12.0 / 21, 5, Trend.UP);       // 12 vs 5: up
        assertError(r.errors().get(1), 6, 6.0 / 21, 6, Trend.FLAT);       // 6 vs 6: flat
        assertError(r.errors().get(2), 3, 3.0 / 21, 0, Trend.UP);         // new: up
        assertError(r.errors().get(3), 0, 0.0, 1, Trend.DOWN);            // gone: down

        // Calibration: observed 0.78 − predicted 0.85 = −0.07; 0.05 ≤ 0.07 < 0.15 → minor drift, adjust.
        assertEquals("2.0.0", r.calibration().version());
        assertEquals(-0.07, r.calibration().delta(), EXACT);
        assertEquals(CalibrationStatus.MINOR_DRIFT, r.calibration().status());
        assertTrue(r.calibration().adjustmentRecommended());
        assertEquals(200, r.calibration().qualityCount());

        // 24 hourly points; only hours 03 and 04 have records (9/10 = 0.9, 18/20 = 0.9).
        assertEquals(24, r.hours().size());
        assertEquals(FROM, r.hours().get(0).start());
        assertEquals(FROM.plus(Duration.ofHours(23)), r.hours().get(23).start());
        assertNull(r.hours().get(0).successRate());
        assertEquals(0, r.hours().get(0).executions());
        assertEquals(0.9, r.hours().get(3).successRate(), EXACT);
        assertEquals(1100.0, r.hours().get(4).latencyP95Ms(), EXACT);

        // Rules: 2.0.0 (200 ≥ 30 records): 0.90 < 0.93 and 1520 > 1500; timeout 12 ≥ 2 × 5; rate_limit 6 < 12; bad 3 < 5.
        assertEquals(List.of(Rule.VERSION_BELOW_BASELINE, Rule.VERSION_SLOWER_THAN_BASELINE, Rule.ERROR_TYPE_DOUBLED),
                r.recommendations().stream().map(x -> x.rule()).toList());
        assertEquals(List.of(), r.warnings());
        Reports.assertNoNaN(r);
    }

    @Test
    void aDayWithoutRecordsHasUndefinedFiguresAndSaysWhy() {
        MetricValues none = Values.of(0, 0).build();
        DailyReport r = content.compose(new DayFigures("quiet", "Quiet", DATE, FROM, TO, "2.0.0", none, none, new TreeMap<>(),
                Map.of(), Map.of(), Map.of(), List.of(), false, List.of(), List.of()), TO);
        assertEquals(0, r.summary().executions());
        assertNull(r.summary().successRate());
        assertNull(r.summary().latencyAvgMs());
        assertNull(r.summary().userSatisfaction());
        for (KeyMetric k : r.keyMetrics()) {
            assertNull(k.today(), k.measure().key());
            assertNull(k.vsYesterday(), k.measure().key());
            assertNull(k.vsBaseline(), k.measure().key());
            assertNull(k.trend(), k.measure().key());
        }
        assertEquals(List.of(), r.errors());
        assertNull(r.calibration().status());
        assertNull(r.calibration().adjustmentRecommended());
        assertEquals(24, r.hours().size());
        assertTrue(r.hours().stream().allMatch(h -> h.successRate() == null && h.latencyP95Ms() == null));
        assertEquals(List.of(), r.recommendations());
        String warnings = String.join("\n", r.warnings());
        assertTrue(warnings.contains("No records on 2026-03-09"), warnings);
        assertTrue(warnings.contains("No records on the day before"), warnings);
        assertTrue(warnings.contains("has no predicted quality"), warnings);
        assertTrue(warnings.contains("no quality score on the day"), warnings);
        assertTrue(warnings.contains("baseline names no Success Rate, Latency P50, Latency P95, Avg Tokens"), warnings);
        Reports.assertNoNaN(r);
    }

    @Test
    void missingFeedbackLatencyAndAlertsCountedBySeverity() {
        MetricValues today = Values.of(10, 10).build();
        List<AlertLine> alerts = List.of(
                new AlertLine("a1", FROM.plusSeconds(60), "warning", "w", "2.0.0", "latency_p95", 1.0, 2.0, "firing"),
                new AlertLine("a2", FROM.plusSeconds(120), "critical", "c", "2.0.0", "error_rate", 0.1, 0.05, "resolved"),
                new AlertLine("a3", FROM.plusSeconds(180), "critical", "c", "2.0.0", "error_rate", 0.2, 0.05, "firing"));
        DailyReport r = content.compose(figures(today, today, Map.of(), Map.of(), alerts), TO);
        assertEquals(1, r.alerts().warning());
        assertEquals(2, r.alerts().critical());
        assertEquals(1.0, r.summary().successRate(), EXACT);
        assertNull(r.summary().userSatisfaction());
        String warnings = String.join("\n", r.warnings());
        assertTrue(warnings.contains("No user feedback on the day"), warnings);
        assertTrue(warnings.contains("No record of the day reports a latency"), warnings);
        assertFalse(warnings.contains("No records on"), warnings);
    }

    @Test
    void calibrationStatusBoundsBelongToTheWorseStatus() {
        // seed 002: well_calibrated < 0.05 ≤ minor_drift < 0.15 ≤ significant_drift, by |delta|
        assertEquals(CalibrationStatus.WELL_CALIBRATED, content.status(0.0));
        assertEquals(CalibrationStatus.WELL_CALIBRATED, content.status(-0.049));
        assertEquals(CalibrationStatus.MINOR_DRIFT, content.status(0.05));
        assertEquals(CalibrationStatus.MINOR_DRIFT, content.status(-0.07));
        assertEquals(CalibrationStatus.MINOR_DRIFT, content.status(0.149));
        assertEquals(CalibrationStatus.SIGNIFICANT_DRIFT, content.status(0.15));
        assertEquals(CalibrationStatus.SIGNIFICANT_DRIFT, content.status(-0.4));
        assertNull(content.status(null));
    }

    private static void assertKey(KeyMetric k, Double today, Double yesterday, Double baseline, Double vsYesterday,
                                  Double vsBaseline, Trend trend) {
        String name = k.measure().key();
        assertClose(today, k.today(), name + " today");
        assertClose(yesterday, k.yesterday(), name + " yesterday");
        assertClose(baseline, k.baseline(), name + " baseline");
        assertClose(vsYesterday, k.vsYesterday(), name + " vs yesterday");
        assertClose(vsBaseline, k.vsBaseline(), name + " vs baseline");
        assertEquals(trend, k.trend(), name + " trend");
    }

    private static void assertError(ErrorRow e, long count, double share, long yesterday, Trend trend) {
        assertEquals(count, e.count(), e.type());
        assertEquals(share, e.share(), EXACT, e.type());
        assertEquals(yesterday, e.yesterday(), e.type());
        assertEquals(trend, e.trend(), e.type());
    }

    private static void assertClose(Double expected, Double actual, String what) {
        if (expected == null) {
            assertNull(actual, what);
        } else {
            assertEquals(expected, actual, EXACT, what);
        }
    }
}
