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
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The production loop on the real server: a bad version is detected from the rollups, people are
 * told through a signed webhook (a real HTTP server in this JVM) and e-mail (GreenMail, the port the
 * test server's mail setting names), and the version is rolled back with a post-mortem; a second
 * incident within the safeguard's gap is not rolled back and raises the manual-intervention alert.
 * The test server's evaluator timer is idle (ear/pom.xml); the test evaluates at instants it chooses
 * through {@code POST /alerts/evaluations?at=}, allowed there only.
 */
@ExtendWith(ArquillianExtension.class)
class AlertingIT {

    /** The webhook channel's signing secret; LogHygieneCheck looks for it in the server logs. */
    static final String SECRET = "it-webhook-secret-7f3a";
    private static ChannelReceivers receivers;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Api.ear();
    }

    @BeforeAll
    static void receivers() throws Exception {
        receivers = ChannelReceivers.start(SECRET);
    }

    @AfterAll
    static void stopReceivers() {
        receivers.close();
    }

    @Test
    void aBadVersionIsRolledBackPeopleAreToldAndTheSafeguardsHold() throws Exception {
        Api admin = Api.admin();
        Api operator = Api.as(Api.newKey("operator"));
        Api ingest = Api.as(Api.newKey("ingest"));
        Api viewer = Api.as(Api.newKey("viewer"));
        String base = receivers.base();
        String hook = channel(admin, "{\"type\":\"webhook\",\"url\":\"" + base + "/hook\",\"secret\":\"" + SECRET + "\"");
        String broken = channel(admin, "{\"type\":\"webhook\",\"url\":\"" + base + "/broken\"");
        String email = channel(admin, "{\"type\":\"email\",\"to\":[\"oncall@example.test\"]");

        // A test message goes out now: to the webhook, signed; to the failing one, reported as failed.
        JsonObject tested = expect(200, admin.post("/api/v1/channels/" + hook + "/test", null)).object();
        assertTrue(tested.getBoolean("delivered"), tested::toString);
        assertTrue(receivers.received().stream().anyMatch(r -> r.signed() && "channel.test".equals(r.json().getString("event", null))));
        tested = expect(200, admin.post("/api/v1/channels/" + broken + "/test", null)).object();
        assertFalse(tested.getBoolean("delivered"), tested::toString);
        assertEquals(500, tested.getInt("httpStatus"));

        String prompt = Api.unique("alerting");
        expect(201, operator.post("/api/v1/prompts", "{\"id\":\"" + prompt + "\",\"name\":\"Alerting target\"}"));
        deploy(operator, prompt, "1.0.0");
        deploy(operator, prompt, "2.0.0");
        String rule = expect(201, admin.post("/api/v1/alert-rules", Json.createObjectBuilder()
                .add("name", "it error rate " + prompt).add("metric", "error_rate").add("comparison", ">").add("threshold", 0.05)
                .add("window", "5m").add("minSamples", 20).add("severity", "critical")
                .add("actions", Json.createArrayBuilder().add("alert").add("auto_rollback")).add("promptId", prompt)
                .add("channels", Json.createArrayBuilder().add(hook).add(email).add(broken))
                .add("repeatAfter", "PT10M").add("escalateAfter", "PT15M")
                .add("escalationChannels", Json.createArrayBuilder().add(hook)).build().toString())).object().getString("id");

        // 100 records of 2.0.0, 10 of them failed: an error rate of 0.10 against the rule's 0.05.
        Instant now = Instant.now();
        ingestRecords(ingest, prompt, "2.0.0", now.minusSeconds(30), 100, 10);
        Fixtures.awaitRolledUp(viewer);
        Instant first = now.plus(Duration.ofMinutes(1));
        JsonObject run = expect(200, admin.post("/api/v1/alerts/evaluations?at=" + first, null)).object();
        assertTrue(run.getInt("fired") >= 1 && run.getInt("rollbacks") == 1, run::toString);

        assertEquals("1.0.0", expect(200, viewer.get("/api/v1/prompts/" + prompt + "/active")).object().getString("version"));
        JsonObject alert = ruleAlert(viewer, prompt, rule, "2.0.0");
        assertEquals("firing", alert.getString("state"));
        assertEquals(0.10, alert.getJsonNumber("value").doubleValue(), 1e-9, "10 of 100 records failed");
        assertEquals(0.05, alert.getJsonNumber("limit").doubleValue(), 1e-12);
        assertEquals(100, alert.getInt("samples"));
        assertEquals("5m", alert.getString("window"));

        JsonObject rollback = expect(200, viewer.get("/api/v1/rollbacks?promptId=" + prompt)).array().getJsonObject(0);
        assertEquals("automatic", rollback.getString("trigger"));
        assertEquals("2.0.0", rollback.getString("fromVersion"));
        assertEquals("1.0.0", rollback.getString("toVersion"));
        assertEquals(100, rollback.getJsonObject("metricsBefore").getInt("executions"), "the post-mortem keeps the window before");
        assertEquals(10, rollback.getJsonObject("metricsBefore").getInt("failures"));

        ChannelReceivers.Received firing = await("the signed webhook of the firing alert", "/hook", "alert.firing", alert.getString("id"));
        assertTrue(firing.signed(), "X-Promptwatch-Signature is the HMAC-SHA256 of timestamp.body with the channel's secret");
        assertTrue(receivers.mail().waitForIncomingEmail(20_000, 1), "an e-mail arrives at the e-mail channel's address");
        MimeMessage message = receivers.mail().getReceivedMessages()[0];
        assertTrue(message.getSubject().contains(prompt), message.getSubject());
        assertEquals("oncall@example.test", message.getAllRecipients()[0].toString());

        // The failing channel is retried and its outcomes kept on the alert; the evaluations went on meanwhile.
        Server.await(Duration.ofSeconds(30), "retries of the failing channel", () -> {
            long attempts = expect(200, viewer.get("/api/v1/alerts/" + alert.getString("id"))).object().getJsonArray("notifications")
                    .stream().map(JsonValue::asJsonObject)
                    .filter(n -> n.getString("channelId").equals(broken) && !n.getBoolean("delivered") && n.getInt("httpStatus") == 500)
                    .count();
            return attempts >= 2;
        });

        // A second bad version two minutes later: within the 15 minutes between automatic rollbacks.
        deploy(operator, prompt, "3.0.0");
        ingestRecords(ingest, prompt, "3.0.0", Instant.now().minusSeconds(20), 100, 10);
        Fixtures.awaitRolledUp(viewer);
        Instant second = first.plus(Duration.ofMinutes(2));
        run = expect(200, admin.post("/api/v1/alerts/evaluations?at=" + second, null)).object();
        assertEquals(0, run.getInt("rollbacks"), run::toString);
        assertTrue(run.getInt("manualInterventions") >= 1, run::toString);
        assertEquals("3.0.0", expect(200, viewer.get("/api/v1/prompts/" + prompt + "/active")).object().getString("version"));
        JsonObject manual = alerts(viewer, prompt).stream().filter(a -> a.getString("kind").equals("manual_intervention")
                && a.getString("ruleId").equals(rule)).findFirst().orElseThrow();
        assertEquals("critical", manual.getString("severity"));
        assertTrue(manual.getString("detail").contains("15"), manual::toString);
        await("the manual-intervention notice", "/hook", "alert.manual_intervention", manual.getString("id"));

        // Sixteen minutes on, nobody has acknowledged the 3.0.0 alert: it is escalated, and repeated (10 minutes).
        JsonObject third = ruleAlert(viewer, prompt, rule, "3.0.0");
        expect(200, admin.post("/api/v1/alerts/evaluations?at=" + second.plus(Duration.ofMinutes(16)), null));
        await("the escalation", "/hook", "alert.escalation", third.getString("id"));
        await("the repeat", "/hook", "alert.repeat", third.getString("id"));

        // Operators acknowledge and resolve; a resolved alert cannot be acknowledged.
        assertEquals("acknowledged", expect(200, operator.post("/api/v1/alerts/" + manual.getString("id") + "/acknowledge",
                "{\"note\":\"looking\"}")).object().getString("state"));
        assertEquals("resolved", expect(200, operator.post("/api/v1/alerts/" + third.getString("id") + "/resolve",
                "{\"note\":\"fixed upstream\"}")).object().getString("state"));
        RegistryIT.assertProblem(operator.post("/api/v1/alerts/" + third.getString("id") + "/acknowledge", null), 409, "state");
        RegistryIT.assertProblem(viewer.post("/api/v1/alerts/" + third.getString("id") + "/resolve", null), 403, null);

        // The first rollback's watch has ended by then: its post-mortem has a verdict.
        JsonObject watched = expect(200, viewer.get("/api/v1/rollbacks/" + rollback.getString("id"))).object();
        assertFalse(watched.isNull("verdict"), watched::toString);
        RegistryIT.assertProblem(admin.post("/api/v1/alerts/evaluations?at=yesterday", null), 400, "at");
    }

    /**
     * The anomaly comparison against a seeded synthetic week: each hour's latency follows a daily
     * cycle (300 ms at the judged hour of day, 900 ms twelve hours later, noise of ±20 ms). The judged
     * hour, two hours ago, holds 300 ms on one prompt (usual for that hour: quiet) and 900 ms on the
     * other (usual at the other end of the day, not at this hour: an alert). Both prompts' weeks are
     * the same, so only the judged hour differs.
     */
    @Test
    void theAnomalyComparisonFlagsAnUnusualHourAndNotTheDailyCycle() {
        Api admin = Api.admin();
        Api operator = Api.as(Api.newKey("operator"));
        Api ingest = Api.as(Api.newKey("ingest"));
        Api viewer = Api.as(Api.newKey("viewer"));
        Instant judged = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS).minus(Duration.ofHours(2));
        String quiet = Fixtures.activePrompt(operator, null);
        String shifted = Fixtures.activePrompt(operator, null);
        java.util.Random noise = new java.util.Random(42);
        for (String prompt : List.of(quiet, shifted)) {
            JsonArrayBuilder week = Json.createArrayBuilder();
            int inBatch = 0;
            // The reference: from 7 days and 1 hour before the judged hour to 23 hours before it, 6 records an hour.
            for (Instant hour = judged.minus(Duration.ofDays(7)).minus(Duration.ofHours(1)); !hour.isAfter(judged.minus(Duration.ofHours(23)));
                 hour = hour.plus(Duration.ofHours(1))) {
                double hoursAfter = Duration.between(judged, hour).toHours();
                double usual = 600 - 300 * Math.cos(2 * Math.PI * hoursAfter / 24);
                for (int i = 0; i < 6; i++) {
                    week.add(Fixtures.record(Api.unique("w"), prompt, hour.plus(Duration.ofMinutes(5 + 9 * i)))
                            .add("latencyMs", usual - 20 + 40 * noise.nextDouble()));
                    if (++inBatch == 500) {
                        expect(200, ingest.post("/api/v1/executions/batch", week.build().toString()));
                        inBatch = 0;
                    }
                }
            }
            double now = prompt.equals(quiet) ? 300 : 900;
            for (int i = 0; i < 20; i++) {
                week.add(Fixtures.record(Api.unique("h"), prompt, judged.plus(Duration.ofMinutes(1 + 2 * i)))
                        .add("latencyMs", now - 20 + 40 * noise.nextDouble()));
            }
            expect(200, ingest.post("/api/v1/executions/batch", week.build().toString()));
        }
        String rule = expect(201, admin.post("/api/v1/alert-rules", Json.createObjectBuilder()
                .add("name", "it unusual latency " + quiet).add("metric", "latency_p95").add("comparison", "anomaly")
                .add("sensitivity", 3.5).add("window", "1h").add("minSamples", 10).add("severity", "warning")
                .add("actions", Json.createArrayBuilder().add("alert")).build().toString())).object().getString("id");
        Fixtures.awaitRolledUp(viewer);
        try {
            expect(200, admin.post("/api/v1/alerts/evaluations?at=" + judged.plus(Duration.ofHours(1)), null));
            assertTrue(alerts(viewer, quiet).stream().noneMatch(a -> rule.equals(a.getString("ruleId", null))),
                    () -> "300 ms is usual at this hour: " + alerts(viewer, quiet));
            JsonObject alert = ruleAlert(viewer, shifted, rule, "1.0.0");
            assertEquals("anomaly", alert.getString("comparison"));
            assertTrue(alert.getJsonNumber("value").doubleValue() > 850, alert::toString);
            assertTrue(alert.getJsonNumber("limit").doubleValue() < 350, () -> "the limit is the usual (median) value: " + alert);
        } finally {
            expect(204, admin.delete("/api/v1/alert-rules/" + rule));
        }
    }

    /** A running experiment's failing variant leaves assignment; the active control is not rolled back. */
    @Test
    void aFailingExperimentVariantIsTakenOutOfAssignment() {
        Api admin = Api.admin();
        Api operator = Api.as(Api.newKey("operator"));
        Api ingest = Api.as(Api.newKey("ingest"));
        Api viewer = Api.as(Api.newKey("viewer"));
        String prompt = Fixtures.activePrompt(operator, null);
        expect(201, operator.post("/api/v1/prompts/" + prompt + "/versions", "{\"version\":\"1.1.0\",\"text\":\"Variant: {{q}}\"}"));
        String experiment = expect(201, operator.post("/api/v1/experiments", Json.createObjectBuilder().add("promptId", prompt)
                .add("controlVersion", "1.0.0").add("variantVersions", Json.createArrayBuilder().add("1.1.0"))
                .add("metric", "success").add("alpha", 0.05).add("power", 0.8).add("minimumDetectableEffect", 0.1)
                .add("baselineRate", 0.7).build().toString())).object().getString("id");
        String rule = expect(201, admin.post("/api/v1/alert-rules", Json.createObjectBuilder()
                .add("name", "it variant errors " + prompt).add("metric", "error_rate").add("comparison", ">").add("threshold", 0.05)
                .add("window", "5m").add("minSamples", 20).add("severity", "critical").add("promptId", prompt)
                .add("actions", Json.createArrayBuilder().add("alert").add("auto_rollback")).build().toString())).object().getString("id");
        Instant now = Instant.now();
        ingestRecords(ingest, prompt, "1.0.0", now.minusSeconds(40), 50, 0);
        ingestRecords(ingest, prompt, "1.1.0", now.minusSeconds(30), 50, 10);
        Fixtures.awaitRolledUp(viewer);
        JsonObject run = expect(200, admin.post("/api/v1/alerts/evaluations?at=" + now.plus(Duration.ofMinutes(1)), null)).object();
        assertTrue(run.getInt("rollbacks") >= 1, run::toString);

        JsonObject x = expect(200, viewer.get("/api/v1/experiments/" + experiment)).object();
        assertEquals(0.0, x.getJsonArray("arms").getJsonObject(1).getJsonNumber("weight").doubleValue(), x::toString);
        assertTrue(x.getString("withdrawn").startsWith("1.1.0 withdrawn at "), x::toString);
        for (int i = 0; i < 20; i++) {
            assertEquals("1.0.0", expect(200, viewer.get("/api/v1/prompts/" + prompt + "/resolve?subject=s" + i)).object()
                    .getString("version"), "no subject is sent to the withdrawn variant");
        }
        assertEquals("1.0.0", expect(200, viewer.get("/api/v1/prompts/" + prompt + "/active")).object().getString("version"));
        JsonObject alert = ruleAlert(viewer, prompt, rule, "1.1.0");
        assertEquals(0.2, alert.getJsonNumber("value").doubleValue(), 1e-9, "10 of 50 records of the variant failed");
        assertTrue(expect(200, viewer.get("/api/v1/rollbacks?promptId=" + prompt)).array().isEmpty(),
                "withdrawing a variant is no registry rollback");
        expect(204, admin.delete("/api/v1/alert-rules/" + rule));
    }

    /**
     * Four bad versions of one prompt, 20 minutes apart (past the 15-minute gap), evaluated at their
     * instants a day ago: three are rolled back, the fourth hits "at most 3 in 24 hours" and raises the
     * manual-intervention alert. A version whose deployment specification sets its own critical error
     * rate (0.5) is judged by it instead of the rule's 0.05. An operator's rollback gets a post-mortem too.
     */
    @Test
    void theFourthAutomaticRollbackInADayIsRefusedAndAVersionsOwnThresholdsCount() {
        Api admin = Api.admin();
        Api operator = Api.as(Api.newKey("operator"));
        Api ingest = Api.as(Api.newKey("ingest"));
        Api viewer = Api.as(Api.newKey("viewer"));
        String prompt = withFirstVersion(operator, "daily");
        Instant start = Instant.now().minus(Duration.ofHours(20)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        for (int incident = 1; incident <= 4; incident++) {
            String version = "1." + incident + ".0";
            deploy(operator, prompt, version);
            Instant at = start.plus(Duration.ofMinutes(20L * incident));
            ingestRecords(ingest, prompt, version, at.minusSeconds(50), 40, 8);
            Fixtures.awaitRolledUp(viewer);
            JsonObject run = expect(200, admin.post("/api/v1/alerts/evaluations?at=" + at.plusSeconds(60), null)).object();
            String active = expect(200, viewer.get("/api/v1/prompts/" + prompt + "/active")).object().getString("version");
            if (incident < 4) {
                assertEquals(1, run.getInt("rollbacks"), () -> "incident " + version + ": " + run);
                assertEquals("1.0.0", active, "rolled back to the reference of " + version);
            } else {
                assertEquals(0, run.getInt("rollbacks"), run::toString);
                assertEquals(version, active, "the fourth in 24 hours is left to people");
                JsonObject manual = alerts(viewer, prompt).stream().filter(a -> a.getString("kind").equals("manual_intervention"))
                        .findFirst().orElseThrow();
                assertTrue(manual.getString("detail").contains("in the last 24 h; at most 3"), manual::toString);
            }
        }
        assertEquals(3, expect(200, viewer.get("/api/v1/rollbacks?promptId=" + prompt)).array().size());

        // Its own limit: 20 % errors is below the 0.5 its specification sets for critical error-rate rules.
        expect(201, operator.post("/api/v1/prompts/" + prompt + "/versions", "{\"version\":\"2.0.0\",\"text\":\"Lenient {{q}}\","
                + "\"thresholds\":{\"error_rate\":{\"critical\":0.5},\"success_rate\":{\"critical\":0.5}}}"));
        expect(200, operator.post("/api/v1/prompts/" + prompt + "/versions/2.0.0/stage", null));
        expect(200, operator.post("/api/v1/prompts/" + prompt + "/versions/2.0.0/deploy", "{\"reason\":\"test\"}"));
        Instant now = Instant.now();
        ingestRecords(ingest, prompt, "2.0.0", now.minusSeconds(30), 40, 8);
        Fixtures.awaitRolledUp(viewer);
        expect(200, admin.post("/api/v1/alerts/evaluations?at=" + now.plusSeconds(60), null));
        assertTrue(alerts(viewer, prompt).stream().noneMatch(a -> "2.0.0".equals(a.getString("version", null))
                        && a.getString("severity").equals("critical")),
                () -> "no critical alert on 2.0.0: " + alerts(viewer, prompt));
        assertTrue(alerts(viewer, prompt).stream().anyMatch(a -> "2.0.0".equals(a.getString("version", null))
                        && a.getString("severity").equals("warning")),
                () -> "the shipped warning rule (> 3 %) still fires, the specification sets no warning limit: " + alerts(viewer, prompt));
        RegistryIT.assertProblem(operator.post("/api/v1/prompts/" + prompt + "/versions",
                "{\"version\":\"2.0.1\",\"text\":\"x\",\"thresholds\":{\"errorRate\":0.05}}"), 400, "thresholds.errorRate");

        // An operator rolls 2.0.0 back by hand: the same post-mortem, marked manual, with the reason.
        expect(200, operator.post("/api/v1/prompts/" + prompt + "/rollback", "{\"reason\":\"customers complain\"}"));
        JsonObject manual = expect(200, viewer.get("/api/v1/rollbacks?promptId=" + prompt)).array().getJsonObject(0);
        assertEquals("manual", manual.getString("trigger"));
        assertEquals("customers complain", manual.getString("reason"));
        assertEquals("2.0.0", manual.getString("fromVersion"));
    }

    private static String channel(Api admin, String partial) {
        return expect(201, admin.post("/api/v1/channels", partial + ",\"name\":\"" + Api.unique("channel") + "\"}"))
                .object().getString("id");
    }

    /** A rate rule speaks on evidence: one failure in 20 calls is an observed 5 %, not proof of more than 3 %. */
    @Test
    void aRateThresholdHoldsOnlyWhenItsConfidenceBoundIsPastIt() {
        Api admin = Api.admin();
        Api operator = Api.as(Api.newKey("operator"));
        Api ingest = Api.as(Api.newKey("ingest"));
        Api viewer = Api.as(Api.newKey("viewer"));
        String prompt = withFirstVersion(operator, "evidence");
        String rule = expect(201, admin.post("/api/v1/alert-rules", Json.createObjectBuilder()
                .add("name", "it evidence " + prompt).add("metric", "error_rate").add("comparison", ">").add("threshold", 0.03)
                .add("window", "5m").add("minSamples", 20).add("severity", "warning")
                .add("actions", Json.createArrayBuilder().add("alert")).add("promptId", prompt).build().toString()))
                .object().getString("id");
        Instant now = Instant.now();
        // 1 of 20 failed: observed 0.05 > 0.03, but prop.test(1, 20, correct = FALSE)$conf.int starts at 0.0089.
        ingestRecords(ingest, prompt, "1.0.0", now.minusSeconds(60), 20, 1);
        Fixtures.awaitRolledUp(viewer);
        expect(200, admin.post("/api/v1/alerts/evaluations?at=" + now.plusSeconds(30), null));
        assertTrue(alerts(viewer, prompt).stream().noneMatch(a -> rule.equals(a.getString("ruleId", null))),
                () -> "1 failure in 20 is no evidence of more than 3 %: " + alerts(viewer, prompt));
        // 5 more of 20 failed: 6 of 40, observed 0.15, lower bound 0.071 (same formula): the rule holds.
        ingestRecords(ingest, prompt, "1.0.0", now.minusSeconds(30), 20, 5);
        Fixtures.awaitRolledUp(viewer);
        expect(200, admin.post("/api/v1/alerts/evaluations?at=" + now.plusSeconds(40), null));
        JsonObject alert = ruleAlert(viewer, prompt, rule, "1.0.0");
        assertEquals(0.15, alert.getJsonNumber("value").doubleValue(), 1e-9, "the alert shows the observed rate");
        assertEquals(40, alert.getInt("samples"));
    }

    /** A new prompt whose version 1.0.0 is active. */
    private static String withFirstVersion(Api operator, String prefix) {
        String prompt = Api.unique(prefix);
        expect(201, operator.post("/api/v1/prompts", "{\"id\":\"" + prompt + "\",\"name\":\"" + prefix + "\"}"));
        deploy(operator, prompt, "1.0.0");
        return prompt;
    }

    private static void deploy(Api operator, String prompt, String version) {
        expect(201, operator.post("/api/v1/prompts/" + prompt + "/versions", "{\"version\":\"" + version
                + "\",\"text\":\"Answer {{q}} (" + version + ")\",\"autoRollback\":true,\"baseline\":{\"latencyP95Ms\":1500}}"));
        expect(200, operator.post("/api/v1/prompts/" + prompt + "/versions/" + version + "/stage", null));
        expect(200, operator.post("/api/v1/prompts/" + prompt + "/versions/" + version + "/deploy", "{\"reason\":\"test\"}"));
    }

    private static void ingestRecords(Api ingest, String prompt, String version, Instant at, int count, int failures) {
        JsonArrayBuilder batch = Json.createArrayBuilder();
        for (int i = 0; i < count; i++) {
            var record = Fixtures.record(Api.unique("x"), prompt, at.plusMillis(i)).add("version", version);
            if (i < failures) {
                record.add("success", false).add("errorType", "timeout");
            }
            batch.add(record);
        }
        expect(200, ingest.post("/api/v1/executions/batch", batch.build().toString()));
    }

    private static List<JsonObject> alerts(Api viewer, String prompt) {
        return expect(200, viewer.get("/api/v1/alerts?promptId=" + prompt)).object().getJsonArray("alerts").stream()
                .map(JsonValue::asJsonObject).toList();
    }

    private static JsonObject ruleAlert(Api viewer, String prompt, String rule, String version) {
        return alerts(viewer, prompt).stream().filter(a -> a.getString("kind").equals("rule") && rule.equals(a.getString("ruleId"))
                && version.equals(a.getString("version"))).findFirst().orElseThrow(() -> new AssertionError(
                "no alert of rule " + rule + " on " + version + ": " + alerts(viewer, prompt)));
    }

    private static ChannelReceivers.Received await(String what, String path, String event, String alertId) {
        ChannelReceivers.Received[] found = new ChannelReceivers.Received[1];
        Server.await(Duration.ofSeconds(20), what, () -> {
            for (ChannelReceivers.Received r : receivers.received()) {
                JsonObject json = r.json();
                if (r.path().equals(path) && event.equals(json.getString("event", null))
                        && json.getJsonObject("alert") != null && alertId.equals(json.getJsonObject("alert").getString("alertId", null))) {
                    found[0] = r;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }
}
