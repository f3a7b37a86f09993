package io.promptwatch.it;

import static io.promptwatch.it.Fixtures.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The health overview on the test server (its shape, each check's status, the verdict following the
 * rules of issue 18, a failed delivery degrading it), readiness with the evaluator's beat (the test
 * server evaluates every hour, so its first timer run is far away and it must still be ready), and
 * calibration of versions whose predicted quality is known against records of known quality scores.
 */
@ExtendWith(ArquillianExtension.class)
class HealthOverviewIT {

    private static final Set<String> CHECKS = Set.of("database", "ingest-breaker", "rollups", "evaluator", "deliveries");
    private static final Set<String> CHECK_STATUSES = Set.of("up", "warning", "down", "skipped");

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Api.ear();
    }

    @Test
    void theOverviewSaysHowEachPartStandsAndAFailedDeliveryDegradesIt() {
        Api viewer = Api.as(Api.newKey("viewer"));
        Api operator = Api.as(Api.newKey("operator"));
        Api ingest = Api.as(Api.newKey("ingest"));
        Api admin = Api.admin();
        String prompt = Fixtures.activePrompt(operator, null);
        // One ingest call, so that the breaker exists (Payara registers its gauges at the first call).
        expect(201, ingest.post("/api/v1/executions", Fixtures.record(Api.unique("health"), prompt, Instant.now()).build().toString()));

        JsonObject overview = overview(viewer);
        Map<String, JsonObject> checks = checks(overview);
        assertEquals("up", checks.get("database").getString("status"), overview::toString);
        JsonObject breaker = checks.get("ingest-breaker");
        assertEquals("closed", breaker.getJsonObject("figures").getString("state"),
                "the state read from ft.circuitbreaker.state.total after a successful ingest: " + breaker);
        assertEquals("up", breaker.getString("status"), breaker::toString);
        JsonObject evaluator = checks.get("evaluator");
        assertEquals("up", evaluator.getString("status"), "the test server evaluates hourly: not stale an hour after its start: " + evaluator);
        assertEquals("PT1H", evaluator.getJsonObject("figures").getString("interval"), evaluator::toString);
        assertTrue(checks.get("rollups").getJsonObject("figures").containsKey("pendingRecords"), overview::toString);
        assertTrue(checks.get("deliveries").getJsonObject("figures").containsKey("failed"), overview::toString);
        // Who runs the cluster's tasks: this server alone here, so it holds the rollups' lease (taken at every run).
        String server = overview.getString("server");
        JsonObject rollupLease = overview.getJsonArray("leases").stream().map(JsonValue::asJsonObject)
                .filter(l -> l.getString("name").equals("rollups")).findFirst().orElseThrow(() -> new AssertionError(overview.toString()));
        assertEquals(server, rollupLease.getString("holder"), rollupLease::toString);
        assertTrue(rollupLease.getBoolean("thisServer"), rollupLease::toString);
        assertFalse(rollupLease.getBoolean("expired"), rollupLease::toString);
        assertTrue(Instant.parse(rollupLease.getString("expiresAt")).isAfter(Instant.parse(overview.getString("checkedAt"))),
                rollupLease::toString);

        // A rule on this prompt that sends to a channel nobody listens on: the alert fires, its delivery fails.
        String dead = expect(201, admin.post("/api/v1/channels", "{\"name\":\"" + Api.unique("dead") + "\",\"type\":\"webhook\","
                + "\"url\":\"http://127.0.0.1:9/nobody\"}")).object().getString("id");
        String rule = expect(201, admin.post("/api/v1/alert-rules", Json.createObjectBuilder()
                .add("name", "health it " + prompt).add("metric", "error_rate").add("comparison", ">").add("threshold", 0.05)
                .add("window", "5m").add("minSamples", 5).add("severity", "warning")
                .add("actions", Json.createArrayBuilder().add("alert")).add("promptId", prompt)
                .add("channels", Json.createArrayBuilder().add(dead)).build().toString())).object().getString("id");
        // 10 records, 5 failed: an error rate of 0.5 against the rule's 0.05.
        JsonArrayBuilder batch = Json.createArrayBuilder();
        Instant at = Instant.now().minusSeconds(20);
        for (int i = 0; i < 10; i++) {
            var record = Fixtures.record(Api.unique("h"), prompt, at.plusMillis(i));
            batch.add(i < 5 ? record.add("success", false).add("errorType", "timeout") : record);
        }
        expect(200, ingest.post("/api/v1/executions/batch", batch.build().toString()));
        Fixtures.awaitRolledUp(viewer);
        expect(200, admin.post("/api/v1/alerts/evaluations?at=" + Instant.now().plus(Duration.ofMinutes(1)), null));

        JsonObject[] last = new JsonObject[1];
        Server.await(Duration.ofSeconds(30), "a failed delivery in the overview", () -> {
            last[0] = overview(viewer);
            return checks(last[0]).get("deliveries").getJsonObject("figures").getJsonNumber("failed").longValue() > 0;
        });
        JsonObject degraded = last[0];
        assertEquals("warning", checks(degraded).get("deliveries").getString("status"), degraded::toString);
        assertTrue(Set.of("degraded", "unhealthy").contains(degraded.getString("status")), "a warning is at least degraded: " + degraded);
        List<JsonObject> open = degraded.getJsonArray("firingAlerts").stream().map(JsonValue::asJsonObject).toList();
        JsonObject mine = open.stream().filter(a -> rule.equals(a.getString("ruleId", null))).findFirst()
                .orElseThrow(() -> new AssertionError("the rule's alert is not among the open ones: " + degraded));
        assertEquals("firing", mine.getString("state"));
        JsonObject evaluated = checks(degraded).get("evaluator");
        assertTrue(evaluated.getJsonObject("figures").containsKey("lastFinishedAt"), "an evaluation ran: " + evaluated);

        // Readiness: the database and the evaluator (UP: it ran just now, and would be counted from the start otherwise).
        Api.Reply ready = Api.anonymous().get("/health/ready");
        assertEquals(200, ready.status(), ready::toString);
        JsonObject beat = ready.object().getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                .filter(c -> c.getString("name").equals("alert-evaluator")).findFirst()
                .orElseThrow(() -> new AssertionError("no alert-evaluator check in readiness: " + ready));
        assertEquals("UP", beat.getString("status"), beat::toString);

        expect(200, operator.post("/api/v1/alerts/" + mine.getString("id") + "/resolve", "{\"note\":\"health it\"}"));
        expect(204, admin.delete("/api/v1/alert-rules/" + rule));
        expect(204, admin.delete("/api/v1/channels/" + dead));
    }

    /** The overview's shape, and its verdict recomputed from its own checks and alerts by the rules of issue 18. */
    private static JsonObject overview(Api viewer) {
        JsonObject overview = expect(200, viewer.get("/api/v1/health/overview")).object();
        Map<String, JsonObject> checks = checks(overview);
        assertEquals(CHECKS, checks.keySet(), overview::toString);
        for (JsonObject check : checks.values()) {
            assertTrue(CHECK_STATUSES.contains(check.getString("status")), check::toString);
            assertFalse(check.getString("detail").isBlank(), check::toString);
            assertEquals(JsonValue.ValueType.OBJECT, check.get("figures").getValueType(), check::toString);
        }
        List<JsonObject> open = overview.getJsonArray("firingAlerts").stream().map(JsonValue::asJsonObject).toList();
        assertTrue(open.size() <= 50, "at most 50 alerts");
        for (int i = 0; i < open.size(); i++) {
            assertTrue(Set.of("firing", "acknowledged").contains(open.get(i).getString("state")), open.get(i)::toString);
            if (i > 0) {
                assertFalse(Instant.parse(open.get(i).getString("firedAt")).isAfter(Instant.parse(open.get(i - 1).getString("firedAt"))),
                        "newest first: " + open);
            }
        }
        Set<String> statuses = checks.values().stream().map(c -> c.getString("status")).collect(Collectors.toSet());
        boolean critical = open.stream().anyMatch(a -> a.getString("severity").equals("critical"));
        String expected = statuses.contains("down") ? "unhealthy"
                : statuses.contains("warning") || critical ? "degraded" : "healthy";
        // An open critical alert beyond the 50 listed degrades the verdict without showing in the list.
        if (!(expected.equals("healthy") && open.size() == 50)) {
            assertEquals(expected, overview.getString("status"), overview::toString);
        }
        assertNotNull(Instant.parse(overview.getString("checkedAt")));
        return overview;
    }

    private static Map<String, JsonObject> checks(JsonObject overview) {
        return overview.getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(c -> c.getString("name"), Function.identity()));
    }

    @Test
    void calibrationComparesThePredictedWithTheObservedQuality() {
        Api operator = Api.as(Api.newKey("operator"));
        Api ingest = Api.as(Api.newKey("ingest"));
        Api viewer = Api.as(Api.newKey("viewer"));
        String prompt = Api.unique("calibration");
        expect(201, operator.post("/api/v1/prompts", "{\"id\":\"" + prompt + "\",\"name\":\"Calibration target\"}"));
        version(operator, prompt, "1.0.0", ",\"baseline\":{\"predictedQuality\":0.9}");
        version(operator, prompt, "1.1.0", ",\"baseline\":{\"predictedQuality\":0.7}");
        version(operator, prompt, "1.2.0", "");
        expect(200, operator.post("/api/v1/prompts/" + prompt + "/versions/1.0.0/stage", null));
        expect(200, operator.post("/api/v1/prompts/" + prompt + "/versions/1.0.0/deploy", "{\"reason\":\"test\"}"));
        // Three records each of 1.0.0 and 1.1.0, every one with Fixtures.record's qualityScore 0.87.
        JsonArrayBuilder batch = Json.createArrayBuilder();
        Instant at = Instant.now().minusSeconds(5);
        for (String version : List.of("1.0.0", "1.1.0")) {
            for (int i = 0; i < 3; i++) {
                batch.add(Fixtures.record(Api.unique("cal"), prompt, at.plusMillis(i)).add("version", version));
            }
        }
        expect(200, ingest.post("/api/v1/executions/batch", batch.build().toString()));
        Fixtures.awaitRolledUp(viewer);

        JsonObject answer = expect(200, viewer.get("/api/v1/prompts/" + prompt + "/calibration?window=PT6H")).object();
        assertEquals("PT6H", answer.getString("window"));
        assertEquals(Duration.ofHours(6), Duration.between(Instant.parse(answer.getString("from")), Instant.parse(answer.getString("to"))));
        assertEquals(0.05, answer.getJsonObject("bounds").getJsonNumber("wellCalibrated").doubleValue(), 0);
        assertEquals(0.15, answer.getJsonObject("bounds").getJsonNumber("minorDrift").doubleValue(), 0);
        Map<String, JsonObject> versions = answer.getJsonArray("versions").stream().map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(v -> v.getString("version"), Function.identity()));
        assertEquals(Set.of("1.0.0", "1.1.0", "1.2.0"), versions.keySet());

        // 1.0.0: observed 0.87 − predicted 0.90 = −0.03; |−0.03| < 0.05 → well calibrated; drift 0.03 / 0.05 = 0.6.
        JsonObject good = versions.get("1.0.0");
        assertEquals(0.9, number(good, "predictedQuality"), 1e-12);
        assertEquals(0.87, number(good, "observedQuality"), 1e-9);
        assertEquals(-0.03, number(good, "delta"), 1e-9);
        assertEquals("well_calibrated", good.getString("status"));
        assertEquals(0.6, number(good, "drift"), 1e-9);
        assertEquals(3, good.getInt("samples"));
        assertEquals("active", good.getString("versionStatus"));

        // 1.1.0: 0.87 − 0.70 = 0.17 ≥ 0.15 → significant drift; drift 0.17 / 0.05 = 3.4 (above the shipped rule's 2.0).
        JsonObject drifted = versions.get("1.1.0");
        assertEquals(0.17, number(drifted, "delta"), 1e-9);
        assertEquals("significant_drift", drifted.getString("status"));
        assertEquals(3.4, number(drifted, "drift"), 1e-9);
        assertEquals(3, drifted.getInt("samples"));

        // 1.2.0: no baseline and no records: no status, no figure made up, a warning.
        JsonObject unknown = versions.get("1.2.0");
        assertTrue(!unknown.containsKey("status") || unknown.isNull("status"), unknown::toString);
        assertTrue(!unknown.containsKey("delta") || unknown.isNull("delta"), unknown::toString);
        assertEquals(0, unknown.getInt("samples"));
        assertTrue(unknown.getString("warning").contains("predictedQuality"), unknown::toString);

        // The all-prompts answer holds this prompt's versions too (it has an active version), with the default window.
        JsonObject all = expect(200, viewer.get("/api/v1/calibration")).object();
        assertEquals("PT24H", all.getString("window"));
        JsonObject again = all.getJsonArray("versions").stream().map(JsonValue::asJsonObject)
                .filter(v -> v.getString("promptId").equals(prompt) && v.getString("version").equals("1.1.0")).findFirst()
                .orElseThrow(() -> new AssertionError("the prompt is missing from GET /calibration"));
        assertEquals("significant_drift", again.getString("status"));

        // Windows outside 1 minute … 30 days, or not a duration, are refused naming the parameter.
        for (String window : List.of("PT59S", "P31D", "banana", "-PT1H", "P1M")) {
            RegistryIT.assertProblem(viewer.get("/api/v1/prompts/" + prompt + "/calibration?window=" + window), 400, "window");
            RegistryIT.assertProblem(viewer.get("/api/v1/calibration?window=" + window), 400, "window");
        }
        expect(200, viewer.get("/api/v1/prompts/" + prompt + "/calibration?window=PT1M"));
        expect(200, viewer.get("/api/v1/prompts/" + prompt + "/calibration?window=P30D"));
        RegistryIT.assertProblem(viewer.get("/api/v1/prompts/" + Api.unique("nothing") + "/calibration"), 404, null);
        // The prompt's other resources are still PromptsResource's.
        expect(200, viewer.get("/api/v1/prompts/" + prompt + "/versions"));
    }

    private static void version(Api operator, String prompt, String version, String baseline) {
        expect(201, operator.post("/api/v1/prompts/" + prompt + "/versions", "{\"version\":\"" + version
                + "\",\"text\":\"Answer {{q}} (" + version + ")\"" + baseline + "}"));
    }

    private static double number(JsonObject o, String field) {
        return o.getJsonNumber(field).doubleValue();
    }
}
