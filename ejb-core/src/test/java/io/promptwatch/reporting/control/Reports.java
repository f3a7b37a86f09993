package io.promptwatch.reporting.control;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.promptwatch.alerting.entity.CalibrationStatus;
import io.promptwatch.reporting.entity.ComprehensiveReport;
import io.promptwatch.reporting.entity.ComprehensiveReport.Change;
import io.promptwatch.reporting.entity.ComprehensiveReport.CostRow;
import io.promptwatch.reporting.entity.ComprehensiveReport.PromptRow;
import io.promptwatch.reporting.entity.ComprehensiveReport.VersionChange;
import io.promptwatch.reporting.entity.DailyReport;
import io.promptwatch.reporting.entity.DailyReport.AlertLine;
import io.promptwatch.reporting.entity.DailyReport.AlertsOfDay;
import io.promptwatch.reporting.entity.DailyReport.Calibration;
import io.promptwatch.reporting.entity.DailyReport.ErrorRow;
import io.promptwatch.reporting.entity.DailyReport.HourPoint;
import io.promptwatch.reporting.entity.DailyReport.KeyMetric;
import io.promptwatch.reporting.entity.DailyReport.ModelRow;
import io.promptwatch.reporting.entity.DailyReport.RollbackLine;
import io.promptwatch.reporting.entity.DailyReport.Summary;
import io.promptwatch.reporting.entity.DailyReport.VersionRow;
import io.promptwatch.reporting.entity.Measure;
import io.promptwatch.reporting.entity.Recommendation;
import io.promptwatch.reporting.entity.Recommendation.Rule;
import io.promptwatch.reporting.entity.Trend;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Fixed reports for the renderer tests, written out by hand (not composed), with text that must be
 * escaped, and a walk over every number a report holds.
 */
final class Reports {

    static final Instant FROM = Instant.parse("2026-03-09T00:00:00Z");

    /** A number of a report: the record holding it, the component's name, the value. */
    record Figure(Record owner, String name, Number value) {
    }

    private Reports() {
    }

    static DailyReport daily() {
        List<KeyMetric> keys = List.of(
                new KeyMetric(Measure.SUCCESS_RATE, 0.9125, 0.95, 0.93, -0.0375, -0.0175, Trend.DOWN),
                new KeyMetric(Measure.LATENCY_P50, 640.0, 600.0, 700.0, 40.0, -60.0, Trend.UP),
                new KeyMetric(Measure.LATENCY_P95, 1480.0, 1200.0, 1500.0, 280.0, -20.0, Trend.UP),
                new KeyMetric(Measure.TOKENS_AVG, 512.5, 500.0, 480.0, 12.5, 32.5, Trend.FLAT),
                new KeyMetric(Measure.COST, 3.6, 3.0, null, 0.6, null, Trend.UP),
                new KeyMetric(Measure.COST_PER_EXECUTION, 0.015, 0.0125, null, 0.0025, null, Trend.UP));
        List<ErrorRow> errors = List.of(
                new ErrorRow("timeout", 12, 12.0 / 21, 5, Trend.UP),
                new ErrorRow("rate_limit", 6, 6.0 / 21, 6, Trend.FLAT),
                new ErrorRow("bad<script>|x", 3, 3.0 / 21, 0, Trend.UP));
        List<HourPoint> hours = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            Instant start = FROM.plus(Duration.ofHours(h));
            // No records before 03:00; then 10 an hour, all successful in even hours and 9 of 10 in odd ones.
            hours.add(h < 3 ? new HourPoint(start, 0, null, null)
                    : new HourPoint(start, 10, h % 2 == 0 ? 1.0 : 0.9, 1000.0 + 20 * h));
        }
        List<Recommendation> recommendations = List.of(new Recommendation(Rule.VERSION_BELOW_BASELINE, "2.0.0",
                "Version 2.0.0 succeeded in 90.00% of 200 executions, below its baseline of 93.00%: review it against its"
                        + " rollback reference.", "success rate below the baseline's expected accuracy, at least 30 records"));
        return new DailyReport("support-triage", "Support <triage>", LocalDate.parse("2026-03-09"), FROM,
                FROM.plus(Duration.ofDays(1)), "2.0.0",
                new Summary(240, 0.9125, 812.5, 4.2, 50), keys, errors,
                new Calibration("2.0.0", 0.85, 0.78, 200, -0.07, CalibrationStatus.MINOR_DRIFT, true),
                hours,
                List.of(new VersionRow("1.0.0", 40, 0.975, 1100.0, 0.84, 0.95, 1500.0),
                        new VersionRow("2.0.0", 200, 0.9, 1520.0, 0.78, 0.93, 1500.0)),
                List.of(new ModelRow("gpt-4o", 140, 0.9, 0.02, 2.8), new ModelRow("gpt-4o-mini", 100, 0.93, 0.008, 0.8)),
                new AlertsOfDay(1, 0,
                        List.of(new AlertLine("a-1", Instant.parse("2026-03-09T10:05:00Z"), "warning", "Latency <b>spike</b>",
                                "2.0.0", "latency_p95", 2350.0, 2250.0, "resolved")),
                        List.of(new RollbackLine("r-1", Instant.parse("2026-03-09T11:00:00Z"), "2.0.0", "1.0.0", false,
                                "operator: \"bad\" & <worse>"))),
                recommendations, List.of("Version 2.0.0's baseline names no Avg Tokens | <none>"),
                Instant.parse("2026-03-10T06:00:00Z"));
    }

    static ComprehensiveReport comprehensive() {
        Instant to = Instant.parse("2026-03-10T00:00:00Z");
        return new ComprehensiveReport(7, to.minus(Duration.ofDays(7)), to,
                new ComprehensiveReport.Overview(1000, 0.95, 700.0, 1400.0, 4.1, 12.5, 3, 2, 1, 1),
                List.of(new PromptRow("alpha", 500, 0.98, 0.9, 1200.0, 6.0)),
                List.of(new PromptRow("gamma<1>", 100, 0.85, null, 2000.0, 1.5)),
                List.of(new VersionChange("alpha", "1.1.0", Change.DEPLOYED, Instant.parse("2026-03-05T09:30:00Z"), "ops",
                                "release <1.1> & \"fix\""),
                        new VersionChange("alpha", "1.1.0", Change.ROLLED_BACK, Instant.parse("2026-03-06T10:00:00Z"), "system",
                                "automatic"),
                        new VersionChange("alpha", "1.0.0", Change.REINSTATED, Instant.parse("2026-03-06T10:00:00Z"), "system",
                                "automatic")),
                List.of(new CostRow("m1", 600, 10.0, 0.016666666666666666, 0.8), new CostRow("m2", 400, 2.5, 0.00625, 0.2)),
                List.of(new CostRow("alpha", 500, 6.0, 0.012, 0.48), new CostRow("beta", 400, 5.0, 0.0125, 0.4),
                        new CostRow("gamma<1>", 100, 1.5, 0.015, 0.12)),
                List.of("1 prompt(s) with fewer than 30 records in the period are not ranked"),
                Instant.parse("2026-03-10T06:00:00Z"));
    }

    /** Every number in the report's records (nested records and lists included), where it sits. */
    static List<Figure> figures(Record report) {
        List<Figure> found = new ArrayList<>();
        walk(report, found);
        return found;
    }

    static void assertNoNaN(Record report) {
        for (Figure f : figures(report)) {
            assertFalse(f.value() instanceof Double d && !Double.isFinite(d), f.owner().getClass().getSimpleName() + "." + f.name());
        }
    }

    private static void walk(Object value, List<Figure> found) {
        if (value instanceof Record record) {
            for (RecordComponent c : record.getClass().getRecordComponents()) {
                Object v;
                try {
                    v = c.getAccessor().invoke(record);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
                if (v instanceof Number n) {
                    found.add(new Figure(record, c.getName(), n));
                } else {
                    walk(v, found);
                }
            }
        } else if (value instanceof List<?> list) {
            list.forEach(item -> walk(item, found));
        }
    }
}
