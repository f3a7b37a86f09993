package io.promptwatch.it;

import static io.promptwatch.it.Fixtures.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Stored reports end to end over HTTP only, as an operator and a dashboard use them: two days of known
 * records, the daily-report job started through {@code POST /api/v1/jobs/daily-report}, the reports
 * listed and fetched in each rendering. The JSON's figures must equal the metrics API's for the same
 * day (and the counts made here from the records); Markdown and HTML must show the same numbers; a
 * rerun must leave one report per key. Also the comprehensive report, and the refusals as problems.
 */
@ExtendWith(ArquillianExtension.class)
class ReportsIT {

    private static String viewerKey;
    private static Api viewer;
    private static Api operator;
    private static Api ingest;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Api.ear();
    }

    @BeforeAll
    static void keys() {
        viewerKey = Api.newKey("viewer");
        viewer = Api.as(viewerKey);
        operator = Api.as(Api.newKey("operator"));
        ingest = Api.as(Api.newKey("ingest"));
    }

    @Test
    void dailyReportsAreStoredOncePerDayAndAgreeWithTheMetricsApi() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate dayOne = today.minusDays(2);
        LocalDate dayTwo = today.minusDays(1);
        String prompt = Fixtures.activePrompt(operator, null);
        // Day one: 40 records from 08:00, five minutes apart, every fifth failed: 32 of 40 succeed (0.80).
        store(prompt, start(dayOne).plus(Duration.ofHours(8)), 40, 5);
        // Day two: 60 records from 09:00, every fourth failed: 45 of 60 succeed (0.75).
        store(prompt, start(dayTwo).plus(Duration.ofHours(9)), 60, 4);
        Fixtures.awaitRolledUp(viewer);

        // Day one for this prompt alone, day two for every prompt with records that day (this one among them).
        long one = JobRuns.started(operator.post("/api/v1/jobs/daily-report", "{\"date\":\"" + dayOne + "\",\"promptId\":\"" + prompt + "\"}"));
        JsonObject oneDone = JobRuns.awaitEnd(viewer, one, "COMPLETED");
        assertEquals(1, step(oneDone).getJsonNumber("writeCount").longValue(), oneDone::toString);
        long two = JobRuns.started(operator.post("/api/v1/jobs/daily-report", "{\"date\":\"" + dayTwo + "\"}"));
        JsonObject twoDone = JobRuns.awaitEnd(viewer, two, "COMPLETED");
        assertTrue(step(twoDone).getJsonNumber("writeCount").longValue() >= 1, twoDone::toString);
        assertEquals(dayTwo.toString(), twoDone.getJsonObject("parameters").getString("date"));

        List<JsonObject> listed = reports("?promptId=" + prompt + "&type=daily");
        assertEquals(2, listed.size(), listed::toString);
        assertEquals(start(dayTwo), Instant.parse(listed.get(0).getString("periodFrom")), "newest period first");
        assertEquals(start(dayOne), Instant.parse(listed.get(1).getString("periodFrom")));
        assertEquals(two, listed.get(0).getJsonNumber("jobExecutionId").longValue());
        assertEquals(one, listed.get(1).getJsonNumber("jobExecutionId").longValue());
        assertTrue(listed.stream().noneMatch(r -> r.containsKey("markdown") || r.containsKey("json")), "a listing holds no content");

        // Hand counts from the records stored above: {executions, successes}.
        Map<LocalDate, long[]> expected = Map.of(dayOne, new long[] {40, 32}, dayTwo, new long[] {60, 45});
        for (JsonObject meta : listed) {
            Instant from = Instant.parse(meta.getString("periodFrom"));
            LocalDate day = LocalDate.ofInstant(from, ZoneOffset.UTC);
            assertEquals(from.plus(Duration.ofDays(1)), Instant.parse(meta.getString("periodTo")));
            String path = "/api/v1/reports/" + meta.getJsonNumber("id").longValue();

            Api.Reply jsonReply = expect(200, accept(path, "application/json"));
            assertTrue(jsonReply.contentType().startsWith("application/json"), jsonReply::toString);
            JsonObject summary = jsonReply.object().getJsonObject("summary");
            JsonObject api = dayMetrics(prompt, from);
            assertEquals(api.getJsonNumber("executions").longValue(), summary.getJsonNumber("executions").longValue(), day + " executions");
            assertEquals(api.getJsonNumber("successRate").doubleValue(), summary.getJsonNumber("successRate").doubleValue(), day + " success rate");
            assertEquals(expected.get(day)[0], summary.getJsonNumber("executions").longValue());
            assertEquals((double) expected.get(day)[1] / expected.get(day)[0], summary.getJsonNumber("successRate").doubleValue(), 1e-12);

            String rate = String.format(Locale.ROOT, "%.2f%%", summary.getJsonNumber("successRate").doubleValue() * 100);
            long executions = summary.getJsonNumber("executions").longValue();
            Api.Reply md = expect(200, accept(path, "text/markdown"));
            assertTrue(md.contentType().startsWith("text/markdown"), md::toString);
            assertTrue(md.body().contains("- Total Executions: " + executions + "\n"), md.body());
            assertTrue(md.body().contains("- Success Rate: " + rate + "\n"), md.body());
            Api.Reply html = expect(200, accept(path, "text/html"));
            assertTrue(html.contentType().startsWith("text/html"), html::toString);
            assertTrue(html.body().contains("<dt>Total Executions</dt><dd>" + executions + "</dd>"), html.body());
            assertTrue(html.body().contains("<dt>Success Rate</dt><dd>" + rate + "</dd>"), html.body());
            // ?format wins over Accept and answers the same rendering.
            assertEquals(md.body(), expect(200, accept(path + "?format=markdown", "application/json")).body());
            assertEquals(html.body(), expect(200, accept(path + "?format=html", "text/markdown")).body());
            assertEquals(jsonReply.body(), expect(200, accept(path, "*/*")).body(), "any type: JSON");
        }

        // A rerun of day two replaces its reports: still one for this prompt and day, same id, the new execution's content.
        long again = JobRuns.started(operator.post("/api/v1/jobs/daily-report", "{\"date\":\"" + dayTwo + "\",\"promptId\":\"" + prompt + "\"}"));
        JobRuns.awaitEnd(viewer, again, "COMPLETED");
        List<JsonObject> rerun = reports("?promptId=" + prompt + "&type=daily&from=" + dayTwo + "&to=" + today);
        assertEquals(1, rerun.size(), rerun::toString);
        assertEquals(listed.get(0).getJsonNumber("id").longValue(), rerun.get(0).getJsonNumber("id").longValue());
        assertEquals(again, rerun.get(0).getJsonNumber("jobExecutionId").longValue());
        assertTrue(Instant.parse(rerun.get(0).getString("createdAt")).isAfter(Instant.parse(listed.get(0).getString("createdAt"))));
        assertEquals(2, reports("?promptId=" + prompt).size());

        // Keyset pages: one report a page, the second page after the first's cursor, no third.
        JsonObject first = expect(200, viewer.get("/api/v1/reports?promptId=" + prompt + "&limit=1")).object();
        assertEquals(1, first.getJsonArray("reports").size());
        String next = first.getString("next");
        JsonObject second = expect(200, viewer.get("/api/v1/reports?promptId=" + prompt + "&limit=1&after=" + next)).object();
        assertEquals(start(dayOne), Instant.parse(second.getJsonArray("reports").getJsonObject(0).getString("periodFrom")));
        assertTrue(!second.containsKey("next") || second.isNull("next"), second::toString);
    }

    /**
     * A daily-report execution stopped and restarted: the restart reads on after the last prompt stored,
     * so the two executions together read each prompt of the day once, and each has one report. Where
     * the stop lands is the server's timing (before the first prompt, between two, or too late when the
     * job already completed: then there is nothing to restart and only the reports are checked).
     */
    @Test
    void aStoppedDailyReportRestartsAfterTheLastPromptStored() {
        LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(4);
        List<String> prompts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String prompt = Fixtures.activePrompt(operator, null);
            prompts.add(prompt);
            store(prompt, start(day).plus(Duration.ofHours(7 + i)), 10, 2);
        }
        Fixtures.awaitRolledUp(viewer);
        long first = JobRuns.started(operator.post("/api/v1/jobs/daily-report", "{\"date\":\"" + day + "\"}"));
        Api.Reply stop = operator.post("/api/v1/jobs/executions/" + first + "/stop", null);
        assertTrue(stop.status() == 202 || stop.status() == 409, stop::toString);
        // A stop asked for just as the job completed leaves it COMPLETED.
        JsonObject ended = JobRuns.awaitEnd(viewer, first, null);
        if (ended.getString("status").equals("STOPPED")) {
            long readBefore = readCount(ended);
            long restarted = JobRuns.started(operator.post("/api/v1/jobs/executions/" + first + "/restart", null));
            JsonObject done = JobRuns.awaitEnd(viewer, restarted, "COMPLETED");
            assertEquals(day.toString(), done.getJsonObject("parameters").getString("date"), "a restart reports the same day");
            // A stop landing after the step completed but before the job ended: the restart has no step to run.
            long readAfter = readCount(done);
            long withRecords = reports("?type=daily&from=" + day + "&to=" + day.plusDays(1)).size();
            assertEquals(withRecords, readBefore + readAfter, "each prompt of the day read once over both executions: " + ended + done);
        } else {
            assertEquals("COMPLETED", ended.getString("status"), ended::toString);
        }
        for (String prompt : prompts) {
            assertEquals(1, reports("?promptId=" + prompt + "&type=daily").size(), prompt);
        }
    }

    @Test
    void theComprehensiveReportIsStoredOncePerPeriod() {
        String prompt = Fixtures.activePrompt(operator, null);
        // 20 records yesterday from 10:00, every fifth failed.
        store(prompt, start(LocalDate.now(ZoneOffset.UTC).minusDays(1)).plus(Duration.ofHours(10)), 20, 5);
        Fixtures.awaitRolledUp(viewer);
        long first = JobRuns.started(operator.post("/api/v1/jobs/comprehensive-report", "{\"days\":3}"));
        JobRuns.awaitEnd(viewer, first, "COMPLETED");
        long second = JobRuns.started(operator.post("/api/v1/jobs/comprehensive-report", "{\"days\":3}"));
        JobRuns.awaitEnd(viewer, second, "COMPLETED");
        Instant to = start(LocalDate.now(ZoneOffset.UTC));
        Instant from = to.minus(Duration.ofDays(3));
        List<JsonObject> stored = reports("?type=comprehensive&from=" + from + "&to=" + from.plusSeconds(1)).stream()
                .filter(r -> Instant.parse(r.getString("periodTo")).equals(to)).toList();
        assertEquals(1, stored.size(), "one report for the period, however often the job ran: " + stored);
        assertEquals(second, stored.get(0).getJsonNumber("jobExecutionId").longValue());
        assertTrue(!stored.get(0).containsKey("promptId") || stored.get(0).isNull("promptId"), stored::toString);
        JsonObject report = expect(200, accept("/api/v1/reports/" + stored.get(0).getJsonNumber("id"), "application/json")).object();
        JsonObject row = report.getJsonArray("costByPrompt").stream().map(JsonValue::asJsonObject)
                .filter(c -> c.getString("name").equals(prompt)).findFirst().orElseThrow(() -> new AssertionError("no cost row of " + prompt + ": " + report));
        assertEquals(20, row.getJsonNumber("executions").longValue());
    }

    @Test
    void refusalsAreProblems() {
        assertProblem(viewer.get("/api/v1/reports/999999999"), 404, null);
        assertProblem(viewer.get("/api/v1/reports/x"), 404, null);
        assertProblem(viewer.get("/api/v1/reports?type=weekly"), 400, "type");
        assertProblem(viewer.get("/api/v1/reports?from=yesterday"), 400, "from");
        assertProblem(viewer.get("/api/v1/reports?from=2026-12-02&to=2026-12-01"), 400, "to");
        assertProblem(viewer.get("/api/v1/reports?limit=0"), 400, "limit");
        assertProblem(viewer.get("/api/v1/reports?after=999999999"), 400, "after");
        assertProblem(viewer.get("/api/v1/reports/1?format=pdf"), 400, "format");
        assertProblem(accept("/api/v1/reports/1", "image/png"), 406, "Accept");
        assertProblem(ingest.get("/api/v1/reports"), 403, null);
        assertProblem(operator.post("/api/v1/jobs/daily-report", "{\"date\":\"2999-01-01\"}"), 400, "date");
        assertProblem(operator.post("/api/v1/jobs/daily-report", "{\"date\":\"2026-02-30\"}"), 400, "date");
        assertProblem(operator.post("/api/v1/jobs/comprehensive-report", "{\"days\":0}"), 400, "days");
        // Above promptwatch.reporting.comprehensive.max-days (90 by default): refused before the job starts.
        assertProblem(operator.post("/api/v1/jobs/comprehensive-report", "{\"days\":91}"), 400, "days");
        assertProblem(viewer.post("/api/v1/jobs/daily-report", "{}"), 403, null);
    }

    // ---- helpers ----

    private static Instant start(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** {@code n} records of {@code prompt} five minutes apart from {@code from}; each {@code failEvery}-th (from the first) failed. */
    private static void store(String prompt, Instant from, int n, int failEvery) {
        JsonArrayBuilder batch = Json.createArrayBuilder();
        for (int i = 0; i < n; i++) {
            var record = Fixtures.record(Api.unique("rp"), prompt, from.plus(Duration.ofMinutes(5L * i)));
            if (i % failEvery == 0) {
                record.add("success", false).add("errorType", "timeout").add("errorMessage", "slow");
            }
            batch.add(record);
        }
        Api.Reply reply = expect(200, ingest.post("/api/v1/executions/batch", batch.build().toString()));
        assertTrue(reply.array().stream().allMatch(r -> r.asJsonObject().getString("status").equals("accepted")), reply::toString);
    }

    /** The metrics API's one 24h bucket of the prompt's day starting at {@code from}. */
    private static JsonObject dayMetrics(String prompt, Instant from) {
        JsonObject series = expect(200, viewer.get("/api/v1/metrics?promptId=" + prompt + "&window=24h&from=" + from
                + "&to=" + from.plus(Duration.ofDays(1)))).object();
        assertEquals(1, series.getJsonArray("buckets").size(), series::toString);
        return series.getJsonArray("buckets").getJsonObject(0).getJsonObject("metrics");
    }

    /** Every report of a listing, page by page (100 a page). */
    private static List<JsonObject> reports(String query) {
        List<JsonObject> all = new ArrayList<>();
        String after = null;
        do {
            JsonObject page = expect(200, viewer.get("/api/v1/reports" + query + (after == null ? "" : "&after=" + after))).object();
            page.getJsonArray("reports").forEach(r -> all.add(r.asJsonObject()));
            after = page.containsKey("next") && !page.isNull("next") ? page.getString("next") : null;
        } while (after != null);
        return all;
    }

    private static Api.Reply accept(String path, String accept) {
        return Api.exchange("GET", path, Map.of("Authorization", "Bearer " + viewerKey, "Accept", accept), null);
    }

    private static JsonObject step(JsonObject execution) {
        return execution.getJsonArray("steps").getJsonObject(0);
    }

    /** The items the execution's one step read; 0 when it ran no step (stopped before it, or restarted after it completed). */
    private static long readCount(JsonObject execution) {
        return execution.getJsonArray("steps").isEmpty() ? 0 : step(execution).getJsonNumber("readCount").longValue();
    }

    private static void assertProblem(Api.Reply reply, int status, String field) {
        assertEquals(status, reply.status(), reply::toString);
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply::toString);
        JsonObject problem = Json.createReader(new StringReader(reply.body())).readObject();
        assertEquals(status, problem.getInt("status"));
        if (field != null) {
            assertEquals(field, problem.getString("field", null), reply::toString);
        }
        assertNotEquals("", problem.getString("title"));
    }
}
