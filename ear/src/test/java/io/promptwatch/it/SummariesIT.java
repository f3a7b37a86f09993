package io.promptwatch.it;

import static io.promptwatch.it.Fixtures.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * GET /summaries answers, for a page of prompts, exactly what each prompt's own summary answers (the
 * totals, to the last digit of every double: the buckets of many hours are merged in one fixed order
 * whether read for one prompt or for a page) and the sparklines the /metrics series of the same range
 * gives; pages follow prompt ids; a bad period, limit or cursor is a 400 naming it.
 */
@ExtendWith(ArquillianExtension.class)
class SummariesIT {

    /** The figures the sparklines hold (the dashboard's overview cards). */
    private static final List<String> SPARKLINES = List.of("executions", "successRate", "latencyP50Ms", "latencyP95Ms",
            "qualityAvg", "feedbackAvg", "costSum");
    private static final Map<String, Duration> WINDOWS = Map.of("1m", Duration.ofMinutes(1), "5m", Duration.ofMinutes(5),
            "1h", Duration.ofHours(1), "24h", Duration.ofDays(1), "7d", Duration.ofDays(7));

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Api.ear();
    }

    @Test
    void eachPromptOfAPageIsItsOwnSummary() {
        Api operator = Api.as(Api.newKey("operator"));
        Api ingest = Api.as(Api.newKey("ingest"));
        Api viewer = Api.as(Api.newKey("viewer"));
        // Ids after `prefix` and before any other prompt's: nothing else starts with the random prefix.
        String prefix = Api.unique("sums");
        List<String> prompts = List.of(prefix + "-a", prefix + "-b", prefix + "-c");
        for (String id : prompts) {
            expect(201, operator.post("/api/v1/prompts", "{\"id\":\"" + id + "\",\"name\":\"Summaries " + id + "\"}"));
            expect(201, operator.post("/api/v1/prompts/" + id + "/versions", "{\"version\":\"1.0.0\",\"text\":\"Q: {{q}}\"}"));
            expect(200, operator.post("/api/v1/prompts/" + id + "/versions/1.0.0/stage", null));
            expect(200, operator.post("/api/v1/prompts/" + id + "/versions/1.0.0/deploy", "{\"reason\":\"test\"}"));
        }
        // Two prompts with records over the last two days (this period and the one before, in many
        // buckets: costs and scores whose sums depend on the order they are added in); the third has none.
        Random random = new Random(20261203);
        Instant now = Instant.now();
        for (String id : prompts.subList(0, 2)) {
            JsonArrayBuilder batch = Json.createArrayBuilder();
            for (int i = 0; i < 160; i++) {
                Instant ts = now.minusSeconds(30 + random.nextInt(47 * 3600));
                boolean success = random.nextInt(10) > 0;
                var r = Fixtures.record(Api.unique("sum"), id, ts)
                        .add("latencyMs", 50 + random.nextDouble() * 3000)
                        .add("cost", random.nextDouble() / 997)
                        .add("qualityScore", random.nextDouble())
                        .add("userFeedback", 1 + random.nextInt(5))
                        .add("userId", "u-" + random.nextInt(40))
                        .add("success", success);
                if (!success) {
                    r.add("errorType", random.nextBoolean() ? "timeout" : "rate_limit");
                }
                batch.add(r);
            }
            JsonArray results = expect(200, ingest.post("/api/v1/executions/batch", batch.build().toString())).array();
            results.forEach(r -> assertEquals("accepted", r.asJsonObject().getString("status"), r::toString));
        }
        Fixtures.awaitRolledUp(viewer);

        for (String period : List.of("1h", "24h", "7d")) {
            JsonObject first = expect(200, viewer.get("/api/v1/summaries?period=" + period + "&after=" + prefix + "&limit=2")).object();
            assertEquals(List.of(prompts.get(0), prompts.get(1)), ids(first), period + ": first page");
            assertEquals(prompts.get(1), first.getString("next"), period + ": next");
            JsonObject second = expect(200, viewer.get("/api/v1/summaries?period=" + period + "&after="
                    + first.getString("next") + "&limit=2")).object();
            assertEquals(prompts.get(2), ids(second).get(0), period + ": second page");
            for (int i = 0; i < prompts.size(); i++) {
                assertSameAsSummary(viewer, prompts.get(i), period, prefix, i);
            }
        }

        // The last page has no next; one past the last prompt is empty.
        JsonObject last = expect(200, viewer.get("/api/v1/summaries?after=zzzzzzzz")).object();
        assertEquals(0, last.getJsonArray("items").size());
        assertFalse(last.containsKey("next") && !last.isNull("next"), last::toString);

        assertRefused(viewer, "period=2h", "period");
        assertRefused(viewer, "period=", "period");
        assertRefused(viewer, "limit=0", "limit");
        assertRefused(viewer, "limit=501", "limit");
        assertRefused(viewer, "limit=ten", "limit");
        assertRefused(viewer, "after=Not%20a%20prompt", "after");
    }

    /**
     * The reads of one prompt's figures refuse an id that names no prompt (404, a problem naming it),
     * and answer as soon as the prompt is created: an unknown id is not remembered as unknown.
     */
    @Test
    void aPromptsFiguresAreA404UntilThePromptIsCreated() {
        Api operator = Api.as(Api.newKey("operator"));
        Api viewer = Api.as(Api.newKey("viewer"));
        String id = Api.unique("later");
        Instant now = Instant.now();
        List<String> reads = List.of("/api/v1/metrics?promptId=" + id + "&window=5m&from=" + now.minus(Duration.ofDays(1)) + "&to=" + now,
                "/api/v1/metrics/versions?promptId=" + id + "&from=" + now.minus(Duration.ofDays(1)) + "&to=" + now,
                "/api/v1/prompts/" + id + "/summary?period=24h");
        for (String read : reads) {
            Api.Reply refused = viewer.get(read);
            RegistryIT.assertProblem(refused, 404, null);
            assertTrue(refused.object().getString("detail").contains(id), refused::toString);
        }
        expect(201, operator.post("/api/v1/prompts", "{\"id\":\"" + id + "\",\"name\":\"Created later\"}"));
        for (String read : reads) {
            expect(200, viewer.get(read));
        }
    }

    /**
     * The prompt's entry of a /summaries page equals its /summary (bounds and totals) and its sparklines
     * the /metrics series of the period. Read again when a bucket boundary passed between the two calls.
     */
    private static void assertSameAsSummary(Api viewer, String prompt, String period, String prefix, int index) {
        for (int attempt = 1; ; attempt++) {
            JsonObject page = expect(200, viewer.get("/api/v1/summaries?period=" + period + "&after=" + prefix + "&limit=3")).object();
            JsonObject summary = expect(200, viewer.get("/api/v1/prompts/" + prompt + "/summary?period=" + period)).object();
            boolean sameBounds = List.of("from", "to", "previousFrom", "previousTo")
                    .stream().allMatch(f -> page.getString(f).equals(summary.getString(f)));
            if (!sameBounds && attempt < 3) {
                continue;
            }
            String what = period + " " + prompt;
            for (String field : List.of("period", "resolution", "rule", "from", "to", "previousFrom", "previousTo")) {
                assertEquals(summary.getString(field), page.getString(field), what + ": " + field);
            }
            JsonObject entry = page.getJsonArray("items").getJsonObject(index);
            assertEquals(prompt, entry.getString("promptId"));
            assertEquals("Summaries " + prompt, entry.getString("name"));
            assertEquals("1.0.0", entry.getString("activeVersion"));
            assertEquals(summary.getJsonObject("total"), entry.getJsonObject("total"), what + ": total");
            assertSparklines(viewer, prompt, what, entry.getJsonObject("sparklines"), page);
            return;
        }
    }

    private static void assertSparklines(Api viewer, String prompt, String what, JsonObject sparklines, JsonObject page) {
        JsonObject series = expect(200, viewer.get("/api/v1/metrics?promptId=" + prompt + "&from=" + page.getString("from")
                + "&to=" + page.getString("to"))).object();
        for (String field : List.of("resolution", "from", "to")) {
            assertEquals(series.getString(field), sparklines.getString(field), what + ": sparklines " + field);
        }
        Duration step = WINDOWS.get(series.getString("resolution"));
        Instant from = Instant.parse(series.getString("from"));
        Instant to = Instant.parse(series.getString("to"));
        Map<Instant, JsonObject> byStart = new HashMap<>();
        series.getJsonArray("buckets").forEach(b -> byStart.put(Instant.parse(b.asJsonObject().getString("start")),
                b.asJsonObject().getJsonObject("metrics")));
        JsonObject values = sparklines.getJsonObject("values");
        assertEquals(SPARKLINES, new ArrayList<>(values.keySet()), what + ": sparkline metrics");
        boolean sawRecords = false;
        for (String metric : SPARKLINES) {
            JsonArray line = values.getJsonArray(metric);
            int i = 0;
            for (Instant t = from; t.isBefore(to); t = t.plus(step), i++) {
                JsonObject m = byStart.get(t);
                JsonValue actual = line.get(i);
                if (m == null) {
                    if (metric.equals("executions")) {
                        assertEquals(0, ((JsonNumber) actual).longValue(), what + " " + metric + " at " + t);
                    } else {
                        assertEquals(JsonValue.NULL, actual, what + " " + metric + " at " + t);
                    }
                } else {
                    sawRecords = true;
                    if (m.containsKey(metric) && !m.isNull(metric)) {
                        assertEquals(m.getJsonNumber(metric).doubleValue(), ((JsonNumber) actual).doubleValue(),
                                what + " " + metric + " at " + t);
                    } else {
                        assertEquals(JsonValue.NULL, actual, what + " " + metric + " at " + t);
                    }
                }
            }
            assertEquals(i, line.size(), what + " " + metric + ": one value per bucket");
        }
        assertEquals(!series.getJsonArray("buckets").isEmpty(), sawRecords, what);
    }

    private static List<String> ids(JsonObject page) {
        return page.getJsonArray("items").stream().map(v -> v.asJsonObject().getString("promptId")).toList();
    }

    private static void assertRefused(Api viewer, String query, String field) {
        Api.Reply reply = viewer.get("/api/v1/summaries?" + query);
        assertEquals(400, reply.status(), reply::toString);
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply::toString);
        assertEquals(field, reply.object().getString("field"), reply::toString);
    }
}
