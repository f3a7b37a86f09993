package io.promptwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptwatch.alerting.boundary.AlertEvaluator;
import io.promptwatch.alerting.boundary.AlertRules;
import io.promptwatch.alerting.boundary.RuleRequest;
import io.promptwatch.alerting.entity.CalibrationStatus;
import io.promptwatch.metrics.boundary.MetricsQuery;
import io.promptwatch.registry.boundary.NewPrompt;
import io.promptwatch.registry.boundary.NewVersion;
import io.promptwatch.registry.boundary.PromptRegistry;
import io.promptwatch.registry.entity.Baseline;
import io.promptwatch.reporting.boundary.ComprehensiveReports;
import io.promptwatch.reporting.boundary.DailyReports;
import io.promptwatch.reporting.boundary.Renderings;
import io.promptwatch.reporting.entity.ComprehensiveReport;
import io.promptwatch.reporting.entity.DailyReport;
import io.promptwatch.reporting.entity.DailyReport.AlertLine;
import io.promptwatch.reporting.entity.DailyReport.ErrorRow;
import io.promptwatch.reporting.entity.DailyReport.HourPoint;
import io.promptwatch.reporting.entity.DailyReport.KeyMetric;
import io.promptwatch.reporting.entity.DailyReport.ModelRow;
import io.promptwatch.reporting.entity.DailyReport.RollbackLine;
import io.promptwatch.reporting.entity.DailyReport.VersionRow;
import io.promptwatch.reporting.entity.Measure;
import io.promptwatch.reporting.entity.ReportFormat;
import io.promptwatch.security.boundary.ApiKeys;
import io.promptwatch.tracking.boundary.ExecutionIngest;
import io.promptwatch.tracking.boundary.IngestResult;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The daily report on the real server (inside it: the test class runs in a WAR of the deployed EAR,
 * {@link InContainer}, and calls {@link DailyReports} as the batch step will). Two days of known
 * records (the day before yesterday and yesterday, fixed times) go in through the ingest boundary; an
 * alert fires and rolls the bad version back at 12:05 yesterday (the evaluator run at that instant).
 * Each day's report is then checked figure by figure against the records, computed here, and against
 * the metrics API's answers for the same day over HTTP ({@code /metrics?window=24h}, {@code window=1h},
 * {@code /metrics/versions}, {@code &model=}, {@code /alerts}). Latency percentiles are KLL estimates: the
 * report must equal the API's exactly and lie within the sketch's rank error of the records.
 */
@ExtendWith(ArquillianExtension.class)
class DailyReportIT {

    /** KLL k = 200: normalised rank error at 99 % confidence (DataSketches' published figure), as in MetricsIT. */
    private static final double RANK_ERROR = 0.0133;
    private static final String BIG = "model-big";
    private static final String SMALL = "model-small";
    private static final String BASE = System.getProperty("promptwatch.url", "http://localhost:18080");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** 1.0.0 expects quality 0.80, accuracy 0.90, p50 600 ms, p95 1200 ms, 500 tokens; 2.0.0 0.85, 0.95, 500, 900, 450. */
    private static final Baseline V1 = new Baseline(0.80, 0.90, 600.0, 1200.0, 500.0, 1000, 0.9);
    private static final Baseline V2 = new Baseline(0.85, 0.95, 500.0, 900.0, 450.0, 1000, 0.9);

    private static final class Rec {
        String id;
        Instant ts;
        String version;
        String model;
        double latency;
        int in;
        int out;
        double cost;
        boolean success;
        String error;
        Integer feedback;
        double quality;
        String user;

        JsonObject json(String prompt) {
            JsonObjectBuilder b = Json.createObjectBuilder().add("executionId", id).add("promptId", prompt).add("version", version)
                    .add("model", model).add("timestamp", ts.toString()).add("latencyMs", latency).add("inputTokens", in)
                    .add("outputTokens", out).add("totalTokens", in + out).add("cost", cost).add("success", success)
                    .add("qualityScore", quality).add("userId", user).add("input", "q " + id).add("output", "a " + id);
            if (error != null) {
                b.add("errorType", error).add("errorMessage", "failed");
            }
            if (feedback != null) {
                b.add("userFeedback", feedback);
            }
            return b.build();
        }
    }

    @Deployment
    static EnterpriseArchive ear() {
        return InContainer.ear(DailyReportIT.class);
    }

    @Inject
    DailyReports dailyReports;

    @Inject
    ComprehensiveReports comprehensiveReports;

    @Inject
    Renderings renderings;

    @Inject
    PromptRegistry registry;

    @Inject
    ExecutionIngest ingest;

    @Inject
    MetricsQuery metrics;

    @Inject
    AlertRules rules;

    @Inject
    AlertEvaluator evaluator;

    @Inject
    ApiKeys keys;

    @Test
    void eachDaysReportEqualsTheRecordsAndTheMetricsApi() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate dayOne = today.minusDays(2);
        LocalDate dayTwo = today.minusDays(1);
        String prompt = "report-" + UUID.randomUUID().toString().substring(0, 8);
        registry.createPrompt(new NewPrompt(prompt, "Report target", null, Set.of(), null), "it");
        for (String version : List.of("1.0.0", "2.0.0")) {
            registry.registerVersion(prompt, new NewVersion(version, "Answer {{q}} (" + version + ")", null, null,
                    version.equals("1.0.0") ? V1 : V2, null, true), "it");
            registry.stage(prompt, version, "it", "test");
            registry.deploy(prompt, version, "it", "test", null, false);
        }

        List<Rec> records = new ArrayList<>(dayOne(start(dayOne)));
        records.addAll(dayTwo(start(dayTwo)));
        for (int from = 0; from < records.size(); from += 100) {
            List<JsonValue> batch = records.subList(from, Math.min(records.size(), from + 100)).stream()
                    .map(r -> (JsonValue) r.json(prompt)).toList();
            for (IngestResult result : ingest.ingest(batch)) {
                assertEquals(IngestResult.Status.ACCEPTED, result.status(), result::toString);
            }
        }
        awaitRolledUp();

        // Yesterday 12:00–12:05: 40 records of 2.0.0, 10 failed (error rate 0.25 > 0.05 with ≥ 20 records):
        // the rule fires at 12:05 and rolls 2.0.0 back to 1.0.0 (automatic, at the evaluation's instant).
        Instant alertAt = start(dayTwo).plus(Duration.ofHours(12)).plus(Duration.ofMinutes(5));
        String ruleName = "it report error rate " + prompt;
        String ruleId = rules.create(new RuleRequest(ruleName, "error_rate", ">", 0.05, null, null, "5m", 20L, "critical",
                List.of("alert", "auto_rollback"), prompt, null, List.of(), null, null, null, true), "it").id();
        var run = evaluator.evaluate(alertAt);
        assertNotNull(run, "this server holds the evaluator's lease");
        assertEquals("1.0.0", registry.active(prompt).version(), "rolled back to 1.0.0");

        String viewer = keys.issue("it-report-" + prompt, List.of("viewer"), "it").secret();

        // The day before yesterday: nothing before it, no alert, no rollback.
        DailyReport one = dailyReports.build(prompt, dayOne);
        assertAgainstRecords(one, on(records, dayOne), List.of());
        assertAgainstApi(one, viewer);
        assertTrue(one.warnings().stream().anyMatch(w -> w.startsWith("No records on the day before")), one.warnings()::toString);
        assertTrue(one.keyMetrics().stream().allMatch(k -> k.trend() == null && k.vsYesterday() == null));
        assertEquals(0, one.alerts().warning() + one.alerts().critical());
        assertEquals(List.of(), one.alerts().rollbacks());
        // Hand-derived (see dayOne): 2.0.0 55/60 = 0.917 < 0.95 and p95 ≈ 1450 > 900; model-small 56/59 = 0.949 ≥
        // model-big 57/61 = 0.934 − 0.01 at 0.012 ≤ 0.8 × 0.02; timeouts 4 < 5.
        assertEquals(List.of("2.0.0:version_below_baseline", "2.0.0:version_slower_than_baseline", BIG + ":cheaper_model"),
                recommendations(one));

        // Yesterday: the day before is day one; the alert and the rollback of 12:05.
        DailyReport two = dailyReports.build(prompt, dayTwo);
        assertAgainstRecords(two, on(records, dayTwo), on(records, dayOne));
        assertAgainstApi(two, viewer);
        AlertLine fired = two.alerts().alerts().stream().filter(a -> a.rule().equals(ruleName)).findFirst().orElseThrow();
        assertEquals(alertAt, fired.firedAt());
        assertEquals("critical", fired.severity());
        assertEquals("2.0.0", fired.version());
        assertEquals("error_rate", fired.metric());
        assertEquals(0.25, fired.observed(), 1e-12, "10 of 40 records failed");
        assertEquals(0.05, fired.limit(), 1e-12);
        assertTrue(two.alerts().critical() >= 1);
        RollbackLine rollback = two.alerts().rollbacks().stream().filter(RollbackLine::automatic).findFirst().orElseThrow();
        assertEquals(alertAt, rollback.at());
        assertEquals("2.0.0", rollback.fromVersion());
        assertEquals("1.0.0", rollback.toVersion());
        // The first auto_rollback rule checked rolls back (this one or a shipped one on the same records).
        assertTrue(rollback.reason().startsWith("automatic: rule"), rollback.reason());
        // Hand-derived (see dayTwo): 2.0.0 68/80 = 0.85 < 0.95 and p95 > 900; timeout 12 ≥ 5 and ≥ 2 × 4;
        // model-small 62/69 = 0.899 ≥ model-big 63/71 = 0.887 − 0.01 and 40 % cheaper.
        assertEquals(List.of("2.0.0:version_below_baseline", "2.0.0:version_slower_than_baseline", "timeout:error_type_doubled",
                BIG + ":cheaper_model"), recommendations(two));
        assertNotNull(ruleId);

        // The renderings carry the report's figures (the renderer tests check every one of a fixed report).
        for (DailyReport report : List.of(one, two)) {
            String md = renderings.render(report, ReportFormat.MARKDOWN);
            String html = renderings.render(report, ReportFormat.HTML);
            JsonObject json = Json.createReader(new StringReader(renderings.render(report, ReportFormat.JSON))).readObject();
            String rate = String.format(Locale.ROOT, "%.2f%%", report.summary().successRate() * 100);
            assertTrue(md.contains("- Success Rate: " + rate), md);
            assertTrue(html.contains("<dd>" + rate + "</dd>"), html);
            assertEquals(report.summary().successRate(), json.getJsonObject("summary").getJsonNumber("successRate").doubleValue());
            assertEquals(report.summary().executions(), json.getJsonObject("summary").getJsonNumber("executions").longValue());
            assertEquals(2, html.split("<svg").length - 1, "two charts");
        }

        // The comprehensive report over the last three whole days holds this prompt's two days.
        ComprehensiveReport three = comprehensiveReports.build(3);
        List<Rec> both = records;
        ComprehensiveReport.CostRow cost = three.costByPrompt().stream().filter(c -> c.name().equals(prompt)).findFirst().orElseThrow();
        assertEquals(both.size(), cost.executions());
        assertEquals(both.stream().mapToDouble(r -> r.cost).sum(), cost.costSum(), 1e-9);
        three.topPerformers().stream().filter(p -> p.promptId().equals(prompt)).forEach(p ->
                assertEquals(rate(both), p.successRate(), 1e-12));
        three.underPerformers().stream().filter(p -> p.promptId().equals(prompt)).forEach(p ->
                assertEquals(rate(both), p.successRate(), 1e-12));
        assertTrue(three.summary().executions() >= both.size());
    }

    // --- the records ----------------------------------------------------------------------------

    /**
     * The day before yesterday, 120 records. 2.0.0: 60 at hour i % 24, minute 20 + i / 24; timeouts at i = 2, 9, 30,
     * rate limits at 13, 17 (55 successes). 1.0.0: 60 at hour i % 24, minute 40 + i / 24; a timeout at 4, a rate
     * limit at 6 (58 successes). Together timeout 4, rate_limit 3.
     */
    private static List<Rec> dayOne(Instant day) {
        List<Rec> day1 = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            day1.add(rec(day.plus(Duration.ofHours(i % 24)).plus(Duration.ofMinutes(20 + i / 24)), "2.0.0", i,
                    i == 2 || i == 9 || i == 30 ? "timeout" : i == 13 || i == 17 ? "rate_limit" : null));
        }
        for (int i = 0; i < 60; i++) {
            day1.add(rec(day.plus(Duration.ofHours(i % 24)).plus(Duration.ofMinutes(40 + i / 24)), "1.0.0", i,
                    i == 4 ? "timeout" : i == 6 ? "rate_limit" : null));
        }
        return withModels(day1);
    }

    /**
     * Yesterday, 140 records. 2.0.0: 40 from 12:00:00 every 7 s, every fourth failed (10: timeouts for i &lt; 32, then
     * rate limits); 40 at hour 1 + i % 20, minute 30 + i / 20, timeouts at i = 5, 25 (68 successes of 80). 1.0.0: 60 at
     * hour i % 24, minute 15 + i / 24, timeouts at 3, 7, a rate limit at 11 (57 of 60). Together timeout 12, rate_limit 3.
     */
    private static List<Rec> dayTwo(Instant day) {
        List<Rec> day2 = new ArrayList<>();
        Instant noon = day.plus(Duration.ofHours(12));
        for (int i = 0; i < 40; i++) {
            day2.add(rec(noon.plusSeconds(7L * i), "2.0.0", i, i % 4 != 0 ? null : i < 32 ? "timeout" : "rate_limit"));
        }
        for (int i = 0; i < 40; i++) {
            day2.add(rec(day.plus(Duration.ofHours(1 + i % 20)).plus(Duration.ofMinutes(30 + i / 20)), "2.0.0", i,
                    i == 5 || i == 25 ? "timeout" : null));
        }
        for (int i = 0; i < 60; i++) {
            day2.add(rec(day.plus(Duration.ofHours(i % 24)).plus(Duration.ofMinutes(15 + i / 24)), "1.0.0", i,
                    i == 3 || i == 7 ? "timeout" : i == 11 ? "rate_limit" : null));
        }
        return withModels(day2);
    }

    private static int sequence;

    /**
     * 2.0.0: latency 1000 + 50 (i % 10) ms, 300 + 150 + 10 (i % 5) tokens, quality 0.80 + 0.01 (i % 5); 1.0.0: latency
     * 600 + 40 (i % 10) ms, 400 + 100 tokens, quality 0.70 + 0.02 (i % 3) (average 0.72). Every third record has feedback.
     */
    private static Rec rec(Instant ts, String version, int i, String error) {
        Rec r = new Rec();
        int k = sequence++;
        r.id = "rep-" + UUID.randomUUID();
        r.ts = ts;
        r.version = version;
        boolean v2 = version.equals("2.0.0");
        r.latency = v2 ? 1000 + 50 * (i % 10) : 600 + 40 * (i % 10);
        r.in = v2 ? 300 : 400;
        r.out = v2 ? 150 + 10 * (i % 5) : 100;
        r.quality = v2 ? 0.80 + 0.01 * (i % 5) : 0.70 + 0.02 * (i % 3);
        r.success = error == null;
        r.error = error;
        r.feedback = k % 3 == 0 ? 1 + k % 5 : null;
        r.user = "u" + k % 7;
        return r;
    }

    /**
     * Successes alternate model-big, model-small, and so do failures (each starting with model-big): the day before
     * yesterday big gets 57 of 113 successes and 4 of 7 failures, yesterday 63 of 125 and 8 of 15. model-big costs
     * 0.02 a record, model-small 0.012 (40 % less).
     */
    private static List<Rec> withModels(List<Rec> day) {
        int successes = 0;
        int failures = 0;
        for (Rec r : day) {
            boolean big = r.success ? successes++ % 2 == 0 : failures++ % 2 == 0;
            r.model = big ? BIG : SMALL;
            r.cost = big ? 0.02 : 0.012;
        }
        return day;
    }

    private static Instant start(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static List<Rec> on(List<Rec> records, LocalDate day) {
        Instant from = start(day);
        return records.stream().filter(r -> !r.ts.isBefore(from) && r.ts.isBefore(from.plus(Duration.ofDays(1)))).toList();
    }

    private void awaitRolledUp() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (metrics.rollupProgress().pendingRecords() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the rollups did not catch up: " + metrics.rollupProgress());
            }
            Thread.sleep(200);
        }
    }

    // --- the report against the records ------------------------------------------------------------

    private static void assertAgainstRecords(DailyReport r, List<Rec> day, List<Rec> before) {
        String where = r.date() + ": ";
        assertEquals(day.size(), r.summary().executions(), where + "executions");
        assertClose(rate(day), r.summary().successRate(), where + "success rate");
        assertClose(average(day, x -> x.latency), r.summary().latencyAvgMs(), where + "average latency");
        List<Rec> rated = day.stream().filter(x -> x.feedback != null).toList();
        assertEquals(rated.size(), r.summary().feedbackCount(), where + "feedback count");
        assertClose(average(rated, x -> (double) x.feedback), r.summary().userSatisfaction(), where + "satisfaction");

        // The version the report is about: the registry's deployments happened after both days, so it falls back to
        // the version active now (1.0.0 after the rollback) and says so.
        assertEquals("1.0.0", r.version());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("the version active now, 1.0.0")), r.warnings()::toString);

        Map<Measure, KeyMetric> k = new TreeMap<>();
        r.keyMetrics().forEach(m -> k.put(m.measure(), m));
        assertKey(k.get(Measure.SUCCESS_RATE), rate(day), before.isEmpty() ? null : rate(before), V1.expectedAccuracy(), where);
        assertKey(k.get(Measure.TOKENS_AVG), average(day, x -> (double) (x.in + x.out)),
                before.isEmpty() ? null : average(before, x -> (double) (x.in + x.out)), V1.tokensAvg(), where);
        assertKey(k.get(Measure.COST), sum(day, x -> x.cost), before.isEmpty() ? null : sum(before, x -> x.cost), null, where);
        assertKey(k.get(Measure.COST_PER_EXECUTION), average(day, x -> x.cost),
                before.isEmpty() ? null : average(before, x -> x.cost), null, where);
        assertQuantile(day, k.get(Measure.LATENCY_P50).today(), 0.50, where + "p50");
        assertQuantile(day, k.get(Measure.LATENCY_P95).today(), 0.95, where + "p95");
        assertClose(V1.latencyP95Ms(), k.get(Measure.LATENCY_P95).baseline(), where + "p95 baseline");
        assertClose(k.get(Measure.LATENCY_P95).today() - V1.latencyP95Ms(), k.get(Measure.LATENCY_P95).vsBaseline(), where);

        Map<String, Long> errors = errorsOf(day);
        Map<String, Long> errorsBefore = errorsOf(before);
        long failures = day.stream().filter(x -> !x.success).count();
        assertEquals(union(errors, errorsBefore), r.errors().stream().map(ErrorRow::type).collect(Collectors.toSet()), where + "error types");
        for (ErrorRow e : r.errors()) {
            assertEquals(errors.getOrDefault(e.type(), 0L), e.count(), where + e.type());
            assertEquals(errorsBefore.getOrDefault(e.type(), 0L), e.yesterday(), where + e.type() + " before");
            assertClose((double) e.count() / failures, e.share(), where + e.type() + " share");
        }

        // Calibration of 1.0.0: predicted 0.80, observed (0.70 + 0.72 + 0.74) / 3 = 0.72 → delta −0.08: minor drift.
        List<Rec> v1 = day.stream().filter(x -> x.version.equals("1.0.0")).toList();
        assertEquals("1.0.0", r.calibration().version());
        assertClose(0.80, r.calibration().predicted(), where + "predicted quality");
        assertClose(average(v1, x -> x.quality), r.calibration().observed(), where + "observed quality");
        assertEquals(0.72, r.calibration().observed(), 1e-9, where + "observed quality by hand");
        assertEquals(-0.08, r.calibration().delta(), 1e-9, where + "delta");
        assertEquals(CalibrationStatus.MINOR_DRIFT, r.calibration().status());
        assertEquals(Boolean.TRUE, r.calibration().adjustmentRecommended());

        assertEquals(24, r.hours().size());
        for (HourPoint h : r.hours()) {
            List<Rec> in = day.stream().filter(x -> x.ts.truncatedTo(ChronoUnit.HOURS).equals(h.start())).toList();
            assertEquals(in.size(), h.executions(), where + h.start());
            if (in.isEmpty()) {
                assertNull(h.successRate(), where + h.start());
                assertNull(h.latencyP95Ms(), where + h.start());
            } else {
                assertClose(rate(in), h.successRate(), where + h.start());
                assertQuantile(in, h.latencyP95Ms(), 0.95, where + h.start() + " p95");
            }
        }

        Map<String, List<Rec>> byVersion = new TreeMap<>(day.stream().collect(Collectors.groupingBy(x -> x.version)));
        assertEquals(List.copyOf(byVersion.keySet()), r.versions().stream().map(VersionRow::version).toList());
        for (VersionRow v : r.versions()) {
            List<Rec> of = byVersion.get(v.version());
            Baseline b = v.version().equals("1.0.0") ? V1 : V2;
            assertEquals(of.size(), v.executions(), where + v.version());
            assertClose(rate(of), v.successRate(), where + v.version());
            assertClose(average(of, x -> x.quality), v.qualityAvg(), where + v.version());
            assertQuantile(of, v.latencyP95Ms(), 0.95, where + v.version() + " p95");
            assertClose(b.expectedAccuracy(), v.baselineSuccessRate(), where + v.version());
            assertClose(b.latencyP95Ms(), v.baselineLatencyP95Ms(), where + v.version());
        }
        Map<String, List<Rec>> byModel = day.stream().collect(Collectors.groupingBy(x -> x.model));
        assertEquals(byModel.keySet(), r.models().stream().map(ModelRow::model).collect(Collectors.toSet()));
        for (ModelRow m : r.models()) {
            List<Rec> of = byModel.get(m.model());
            assertEquals(of.size(), m.executions(), where + m.model());
            assertClose(rate(of), m.successRate(), where + m.model());
            assertClose(average(of, x -> x.cost), m.costAvg(), where + m.model());
            assertClose(sum(of, x -> x.cost), m.costSum(), where + m.model());
        }
    }

    private static void assertKey(KeyMetric k, Double today, Double before, Double baseline, String where) {
        String name = where + k.measure().key();
        assertClose(today, k.today(), name + " today");
        assertClose(before, k.yesterday(), name + " yesterday");
        assertClose(baseline, k.baseline(), name + " baseline");
        assertClose(before == null ? null : today - before, k.vsYesterday(), name + " vs yesterday");
        assertClose(baseline == null ? null : today - baseline, k.vsBaseline(), name + " vs baseline");
    }

    /**
     * The estimate's rank among the records lies within the sketch's rank error of q (MetricsIT's check, for
     * records with ties: these latencies take ten values, so a value's ranks span from the share of records
     * below it to the share at or below it, and that span must meet [q − error, q + error + 1/n]).
     */
    private static void assertQuantile(List<Rec> records, Double estimate, double q, String where) {
        assertNotNull(estimate, where);
        double[] latencies = records.stream().mapToDouble(x -> x.latency).sorted().toArray();
        double below = (double) Arrays.stream(latencies).filter(v -> v < estimate).count() / latencies.length;
        double atOrBelow = (double) Arrays.stream(latencies).filter(v -> v <= estimate).count() / latencies.length;
        assertTrue(atOrBelow > below, where + ": " + estimate + " is the latency of a record");
        assertTrue(atOrBelow >= q - RANK_ERROR && below <= q + RANK_ERROR + 1.0 / latencies.length,
                where + ": " + estimate + " has ranks " + below + " to " + atOrBelow);
    }

    // --- the report against the metrics API --------------------------------------------------------

    private void assertAgainstApi(DailyReport r, String key) throws Exception {
        String p = "promptId=" + r.promptId();
        String where = r.date() + " vs API: ";
        JsonObject day = single(get("/api/v1/metrics?" + p + "&window=24h&from=" + r.from() + "&to=" + r.to(), key));
        JsonObject before = single(get("/api/v1/metrics?" + p + "&window=24h&from=" + r.from().minus(Duration.ofDays(1))
                + "&to=" + r.from(), key));
        assertEquals(day.getJsonNumber("executions").longValue(), r.summary().executions(), where + "executions");
        assertSame(day, "successRate", r.summary().successRate(), where);
        assertSame(day, "latencyAvgMs", r.summary().latencyAvgMs(), where);
        assertSame(day, "feedbackAvg", r.summary().userSatisfaction(), where);
        assertEquals(day.getJsonNumber("feedbackCount").longValue(), r.summary().feedbackCount(), where + "feedbackCount");
        for (KeyMetric k : r.keyMetrics()) {
            assertSame(day, k.measure().key(), k.today(), where + "today ");
            if (before != null) {
                assertSame(before, k.measure().key(), k.yesterday(), where + "yesterday ");
            } else {
                assertNull(k.yesterday(), where + k.measure().key());
            }
        }
        JsonObject errors = day.getJsonObject("errorsByType");
        for (ErrorRow e : r.errors()) {
            assertEquals(errors.containsKey(e.type()) ? errors.getJsonNumber(e.type()).longValue() : 0L, e.count(), where + e.type());
        }

        JsonArray hours = get("/api/v1/metrics?" + p + "&window=1h&from=" + r.from() + "&to=" + r.to(), key).getJsonArray("buckets");
        Map<Instant, JsonObject> byHour = new TreeMap<>();
        hours.forEach(h -> byHour.put(Instant.parse(h.asJsonObject().getString("start")), h.asJsonObject().getJsonObject("metrics")));
        for (HourPoint h : r.hours()) {
            JsonObject m = byHour.get(h.start());
            assertEquals(m == null ? 0 : m.getJsonNumber("executions").longValue(), h.executions(), where + h.start());
            if (m != null) {
                assertSame(m, "successRate", h.successRate(), where + h.start());
                assertSame(m, "latencyP95Ms", h.latencyP95Ms(), where + h.start());
            }
        }

        JsonArray versions = get("/api/v1/metrics/versions?" + p + "&from=" + r.from() + "&to=" + r.to(), key).getJsonArray("rows");
        assertEquals(versions.size(), r.versions().size(), where + "versions");
        for (int i = 0; i < versions.size(); i++) {
            JsonObject row = versions.getJsonObject(i);
            VersionRow v = r.versions().get(i);
            assertEquals(row.getString("name"), v.version());
            JsonObject m = row.getJsonObject("metrics");
            assertEquals(m.getJsonNumber("executions").longValue(), v.executions(), where + v.version());
            assertSame(m, "successRate", v.successRate(), where + v.version());
            assertSame(m, "latencyP95Ms", v.latencyP95Ms(), where + v.version());
            assertSame(m, "qualityAvg", v.qualityAvg(), where + v.version());
        }
        for (ModelRow model : r.models()) {
            JsonObject m = single(get("/api/v1/metrics?" + p + "&model=" + model.model() + "&window=24h&from=" + r.from()
                    + "&to=" + r.to(), key));
            assertEquals(m.getJsonNumber("executions").longValue(), model.executions(), where + model.model());
            assertSame(m, "successRate", model.successRate(), where + model.model());
            assertSame(m, "costAvg", model.costAvg(), where + model.model());
            assertSame(m, "costSum", model.costSum(), where + model.model());
        }

        JsonArray alerts = get("/api/v1/alerts?" + p + "&from=" + r.from() + "&to=" + r.to() + "&limit=500", key).getJsonArray("alerts");
        assertEquals(alerts.stream().map(a -> a.asJsonObject().getString("id")).collect(Collectors.toSet()),
                r.alerts().alerts().stream().map(AlertLine::id).collect(Collectors.toSet()), where + "alerts");
        assertEquals(alerts.stream().filter(a -> a.asJsonObject().getString("severity").equals("critical")).count(),
                r.alerts().critical(), where + "critical alerts");
        JsonArray rollbacks = getArray("/api/v1/rollbacks?" + p, key);
        long ofDay = rollbacks.stream().map(JsonValue::asJsonObject)
                .filter(b -> within(Instant.parse(b.getString("at")), r)).count();
        assertEquals(ofDay, r.alerts().rollbacks().size(), where + "rollbacks");
    }

    private static boolean within(Instant t, DailyReport r) {
        return !t.isBefore(r.from()) && t.isBefore(r.to());
    }

    /** The one 24h bucket's metrics, or null when the day has none. */
    private static JsonObject single(JsonObject series) {
        JsonArray buckets = series.getJsonArray("buckets");
        assertTrue(buckets.size() <= 1, series::toString);
        return buckets.isEmpty() ? null : buckets.getJsonObject(0).getJsonObject("metrics");
    }

    /** The API's figure (absent or null when undefined) equals the report's exactly. */
    private static void assertSame(JsonObject metrics, String field, Double reported, String where) {
        JsonValue v = metrics.get(field);
        Double api = v == null || v.getValueType() == JsonValue.ValueType.NULL ? null : ((JsonNumber) v).doubleValue();
        assertEquals(api, reported, where + field);
    }

    private static JsonObject get(String path, String key) throws Exception {
        return Json.createReader(new StringReader(fetch(path, key))).readObject();
    }

    private static JsonArray getArray(String path, String key) throws Exception {
        return Json.createReader(new StringReader(fetch(path, key))).readArray();
    }

    private static String fetch(String path, String key) throws Exception {
        HttpResponse<String> reply = HTTP.send(HttpRequest.newBuilder(URI.create(BASE + path)).header("Authorization", "Bearer " + key)
                .header("Accept", "application/json").timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, reply.statusCode(), path + ": " + reply.body());
        return reply.body();
    }

    // --- small sums -------------------------------------------------------------------------------

    private static List<String> recommendations(DailyReport r) {
        return r.recommendations().stream().map(x -> x.subject() + ":" + x.rule().word()).toList();
    }

    private static double rate(List<Rec> records) {
        return (double) records.stream().filter(x -> x.success).count() / records.size();
    }

    private static double average(List<Rec> records, Function<Rec, Double> value) {
        return records.stream().mapToDouble(value::apply).average().orElseThrow();
    }

    private static double sum(List<Rec> records, Function<Rec, Double> value) {
        return records.stream().mapToDouble(value::apply).sum();
    }

    private static Map<String, Long> errorsOf(List<Rec> records) {
        return records.stream().filter(x -> !x.success).collect(Collectors.groupingBy(x -> x.error, Collectors.counting()));
    }

    private static Set<String> union(Map<String, Long> a, Map<String, Long> b) {
        Set<String> all = new java.util.HashSet<>(a.keySet());
        all.addAll(b.keySet());
        return all;
    }

    private static void assertClose(Double expected, Double actual, String where) {
        if (expected == null) {
            assertNull(actual, where);
        } else {
            assertNotNull(actual, where);
            assertEquals(expected, actual, Math.abs(expected) * 1e-9 + 1e-12, where);
        }
    }
}
