package io.promptwatch.it;

import static io.promptwatch.it.Fixtures.expect;
import static io.promptwatch.it.RegistryIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Alert rules and notification channels over HTTP against the real server: the rules a fresh install
 * ships (SPEC §4), the lifecycle of a channel and of a rule that sends to it, refusals naming the field
 * (and storing nothing), who may read and write, and that no answer carries a channel's secret.
 */
@ExtendWith(ArquillianExtension.class)
class AlertRulesIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Api.ear();
    }

    private static final String RULES = "/api/v1/alert-rules";
    private static final String CHANNELS = "/api/v1/channels";

    private final Api admin = Api.admin();

    /** A shipped rule as SPEC §4 lists it (issue 18): limit, window, severity, actions, repeat interval. */
    private record Shipped(String metric, String comparison, Double threshold, Double baselineFactor, String window,
                           String severity, List<String> actions, String repeatAfter) {
    }

    @Test
    void aFreshServerHasTheRulesOfTheSpecification() {
        // SPEC §4: error rate > 5 % over 5 m critical (alert + auto_rollback); > 3 % over 15 m warning; latency p95
        // > 2 x baseline over 5 m critical; > 1.5 x over 15 m warning; success rate < 95 % over 10 m critical
        // (alert + auto_rollback); calibration drift > 2.0 over 1 h warning; average feedback < 3.0 over 24 h warning.
        // Escalation policy: critical alerts repeat every 15 minutes, warnings hourly.
        Map<String, Shipped> expected = Map.of(
                "Critical error rate", new Shipped("error_rate", ">", 0.05, null, "5m", "critical", List.of("alert", "auto_rollback"), "PT15M"),
                "Elevated error rate", new Shipped("error_rate", ">", 0.03, null, "15m", "warning", List.of("alert"), "PT1H"),
                "High latency p95", new Shipped("latency_p95", ">", null, 2.0, "5m", "critical", List.of("alert"), "PT15M"),
                "Elevated latency p95", new Shipped("latency_p95", ">", null, 1.5, "15m", "warning", List.of("alert"), "PT1H"),
                "Low success rate", new Shipped("success_rate", "<", 0.95, null, "10m", "critical", List.of("alert", "auto_rollback"), "PT15M"),
                "Calibration drift", new Shipped("calibration_drift", ">", 2.0, null, "1h", "warning", List.of("alert", "flag_for_review"), "PT1H"),
                "User satisfaction drop", new Shipped("avg_feedback", "<", 3.0, null, "24h", "warning", List.of("alert"), "PT1H"));

        Api viewer = Api.as(Api.newKey("viewer"));
        List<JsonObject> shipped = expect(200, viewer.get(RULES)).array().stream().map(JsonValue::asJsonObject)
                .filter(r -> r.getBoolean("shipped")).toList();
        Map<String, JsonObject> byName = shipped.stream().collect(Collectors.toMap(r -> r.getString("name"), Function.identity()));
        assertEquals(7, shipped.size(), shipped::toString);
        assertEquals(expected.keySet(), byName.keySet());
        expected.forEach((name, want) -> {
            JsonObject rule = byName.get(name);
            String at = name + ": " + rule;
            assertEquals(want.metric(), rule.getString("metric"), at);
            assertEquals(want.comparison(), rule.getString("comparison"), at);
            assertEquals(want.threshold(), number(rule, "threshold"), at);
            assertEquals(want.baselineFactor(), number(rule, "baselineFactor"), at);
            assertEquals(want.window(), rule.getString("window"), at);
            assertEquals(want.severity(), rule.getString("severity"), at);
            assertEquals(want.actions(), strings(rule, "actions"), at);
            assertEquals(want.repeatAfter(), rule.getString("repeatAfter"), at);
            assertTrue(rule.getBoolean("enabled"), at);
            assertEquals("system", rule.getString("updatedBy"), at);
            assertEquals(List.of(), strings(rule, "channels"), at);
            // Every reader sees the same rule on its own.
            assertEquals(rule, expect(200, viewer.get(RULES + "/" + rule.getString("id"))).object());
        });
    }

    @Test
    void aChannelAndARuleThatSendsToIt() {
        String secret = "whsec-" + Api.unique("never-answered");
        String channelName = Api.unique("ops-webhook");
        Api.Reply created = expect(201, admin.post(CHANNELS, Json.createObjectBuilder().add("name", channelName)
                .add("type", "webhook").add("url", "https://hooks.example.com/promptwatch").add("secret", secret).build().toString()));
        JsonObject channel = created.object();
        String channelId = channel.getString("id");
        assertTrue(created.header("Location").endsWith(CHANNELS + "/" + channelId), created.header("Location"));
        assertEquals("webhook", channel.getString("type"));
        assertEquals("https://hooks.example.com/promptwatch", channel.getString("url"));
        assertTrue(channel.getBoolean("signed"));
        assertEquals("bootstrap-admin", channel.getString("createdBy"), "the name of the key that created it");
        assertFalse(channel.containsKey("secret"), channel::toString);
        assertNoSecret(secret, created, admin.get(CHANNELS), admin.get(CHANNELS + "/" + channelId));
        assertTrue(admin.get(CHANNELS).array().stream().anyMatch(c -> c.asJsonObject().getString("id").equals(channelId)));

        // Without a secret a replacement keeps the one the channel has.
        Api.Reply renamed = expect(200, admin.put(CHANNELS + "/" + channelId, Json.createObjectBuilder().add("name", channelName + "-2")
                .add("type", "webhook").add("url", "https://hooks.example.com/promptwatch/v2").build().toString()));
        assertTrue(renamed.object().getBoolean("signed"), renamed::toString);
        assertEquals(channelName + "-2", renamed.object().getString("name"));
        assertNoSecret(secret, renamed);

        JsonObject ruleBody = rule(Api.unique("ops error rate")).add("channels", Json.createArrayBuilder().add(channelId))
                .add("repeatAfter", "PT30M").add("escalateAfter", "PT15M")
                .add("escalationChannels", Json.createArrayBuilder().add(channelId)).build();
        Instant before = Instant.now().minusSeconds(1);
        Api.Reply ruleCreated = expect(201, admin.post(RULES, ruleBody.toString()));
        JsonObject rule = ruleCreated.object();
        String ruleId = rule.getString("id");
        assertTrue(ruleCreated.header("Location").endsWith(RULES + "/" + ruleId), ruleCreated.header("Location"));
        assertEquals(ruleBody.getString("name"), rule.getString("name"));
        assertEquals("error_rate", rule.getString("metric"));
        assertEquals(">", rule.getString("comparison"));
        assertEquals(0.1, number(rule, "threshold"));
        assertFalse(rule.containsKey("baselineFactor"), rule::toString);
        assertEquals("10m", rule.getString("window"));
        assertEquals(30, rule.getInt("minSamples"));
        assertEquals("critical", rule.getString("severity"));
        assertEquals(List.of("alert", "flag_for_review"), strings(rule, "actions"), "in the order of the actions, not of the request");
        assertEquals(List.of(channelId), strings(rule, "channels"));
        assertEquals(List.of(channelId), strings(rule, "escalationChannels"));
        assertEquals("PT30M", rule.getString("repeatAfter"));
        assertEquals("PT15M", rule.getString("escalateAfter"));
        assertTrue(rule.getBoolean("enabled"));
        assertFalse(rule.getBoolean("shipped"));
        assertEquals("bootstrap-admin", rule.getString("updatedBy"));
        Instant createdAt = Instant.parse(rule.getString("createdAt"));
        assertTrue(createdAt.isAfter(before), rule::toString);
        assertEquals(rule.getString("createdAt"), rule.getString("updatedAt"));

        assertEquals(rule, expect(200, admin.get(RULES + "/" + ruleId)).object());
        assertTrue(admin.get(RULES).array().contains(rule), "the list holds the rule as created");

        // A replacement is whole: what it leaves out is gone.
        JsonObject replaced = expect(200, admin.put(RULES + "/" + ruleId, rule(ruleBody.getString("name") + " (warning)")
                .add("severity", "warning").add("threshold", 0.2).add("window", "1h").build().toString())).object();
        assertEquals(ruleId, replaced.getString("id"));
        assertEquals(0.2, number(replaced, "threshold"));
        assertEquals("1h", replaced.getString("window"));
        assertEquals("warning", replaced.getString("severity"));
        assertEquals(List.of(), strings(replaced, "channels"));
        assertFalse(replaced.containsKey("repeatAfter") || replaced.containsKey("escalateAfter"), replaced::toString);
        assertEquals(rule.getString("createdAt"), replaced.getString("createdAt"));
        assertFalse(Instant.parse(replaced.getString("updatedAt")).isBefore(createdAt));

        // A rule as read goes back as it is (its read-only members are ignored): here, switched off.
        JsonObject read = expect(200, admin.get(RULES + "/" + ruleId)).object();
        JsonObject off = expect(200, admin.put(RULES + "/" + ruleId, Json.createObjectBuilder(read)
                .add("channels", Json.createArrayBuilder().add(channelId)).add("enabled", false).build().toString())).object();
        assertFalse(off.getBoolean("enabled"));
        assertEquals(List.of(channelId), strings(off, "channels"));

        // The channel cannot go while the rule sends to it; once the rule is gone it can.
        assertProblem(admin.delete(CHANNELS + "/" + channelId), 409, "id");
        assertEquals(204, admin.delete(RULES + "/" + ruleId).status());
        assertProblem(admin.get(RULES + "/" + ruleId), 404, null);
        assertProblem(admin.delete(RULES + "/" + ruleId), 404, null);
        assertEquals(204, admin.delete(CHANNELS + "/" + channelId).status());
        assertProblem(admin.get(CHANNELS + "/" + channelId), 404, null);
    }

    @Test
    void aSlackUrlIsItsSecretAndIsAnsweredMasked() {
        String token = "XXXX" + Api.unique("slack-token");
        String url = "https://hooks.slack.com/services/T0000/B0000/" + token;
        Api.Reply created = expect(201, admin.post(CHANNELS, Json.createObjectBuilder().add("name", Api.unique("slack"))
                .add("type", "slack").add("url", url).build().toString()));
        JsonObject channel = created.object();
        String id = channel.getString("id");
        assertEquals("https://hooks.slack.com/services/…", channel.getString("url"));
        assertFalse(channel.getBoolean("signed"));
        assertNoSecret(token, created, admin.get(CHANNELS), admin.get(CHANNELS + "/" + id));

        // A channel as read goes back as it is: the masked URL keeps the stored one.
        Api.Reply renamed = expect(200, admin.put(CHANNELS + "/" + id, Json.createObjectBuilder(channel)
                .add("name", Api.unique("slack-renamed")).build().toString()));
        assertEquals("https://hooks.slack.com/services/…", renamed.object().getString("url"));
        assertNoSecret(token, renamed);

        // A Slack incoming webhook is not signed.
        assertProblem(admin.post(CHANNELS, Json.createObjectBuilder().add("name", Api.unique("slack")).add("type", "slack")
                .add("url", url).add("secret", "s").build().toString()), 400, "secret");
        assertEquals(204, admin.delete(CHANNELS + "/" + id).status());
    }

    @Test
    void badRulesAreRefusedNamingTheFieldAndStoreNothing() {
        String channel = expect(201, admin.post(CHANNELS, Json.createObjectBuilder().add("name", Api.unique("mail"))
                .add("type", "email").add("to", Json.createArrayBuilder().add("oncall@example.com")).build().toString()))
                .object().getString("id");
        // A prompt whose 1.0.0 has a baseline without latencyP95Ms, and whose 1.1.0 has one.
        Api operator = Api.as(Api.newKey("operator"));
        String prompt = Api.unique("alerted");
        expect(201, operator.post("/api/v1/prompts", RegistryIT.promptJson(prompt)));
        expect(201, operator.post("/api/v1/prompts/" + prompt + "/versions", Json.createObjectBuilder().add("version", "1.0.0")
                .add("text", "A: {{q}}").add("baseline", Json.createObjectBuilder().add("latencyP50Ms", 400)).build().toString()));
        expect(201, operator.post("/api/v1/prompts/" + prompt + "/versions", Json.createObjectBuilder().add("version", "1.1.0")
                .add("text", "B: {{q}}").add("baseline", Json.createObjectBuilder().add("latencyP95Ms", 900)).build().toString()));
        JsonArrayBuilder sixtyChannels = Json.createArrayBuilder();
        for (int i = 0; i < 60; i++) {
            sixtyChannels.add(channel);
        }
        int before = admin.get(RULES).array().size();

        List<Refusal> refusals = List.of(
                new Refusal("metric", rule("unknown metric").add("metric", "latency_p42")),
                new Refusal("window", rule("window of 7 minutes").add("window", "7m")),
                new Refusal("threshold", rule("threshold and factor").add("baselineFactor", 1.5)),
                new Refusal("baselineFactor", rule("factor on the error rate").remove("threshold").add("baselineFactor", 2)),
                new Refusal("channels", rule("unknown channel").add("channels", Json.createArrayBuilder().add(channel).add("no-such-channel"))),
                new Refusal("repeatAfter", rule("negative repeat").add("repeatAfter", "PT-5M")),
                new Refusal("escalateAfter", rule("not a duration").add("escalateAfter", "15 minutes")),
                new Refusal("severity", rule("loud").add("severity", "loud")),
                new Refusal("comparison", rule("compared how").add("comparison", ">=")),
                new Refusal("actions", rule("no action").add("actions", Json.createArrayBuilder())),
                new Refusal("promptId", rule("unknown prompt").add("promptId", Api.unique("no-such-prompt"))),
                new Refusal("version", rule("unknown version").add("promptId", prompt).add("version", "9.9.9")),
                new Refusal("escalationChannels", rule("escalating nowhere").add("escalateAfter", "PT15M")),
                new Refusal("channels", rule("too many channels").add("channels", sixtyChannels)),
                // Wrong shapes: named by field, never a 500.
                new Refusal("name", rule("x").add("name", 42)),
                new Refusal("threshold", rule("threshold as text").add("threshold", "high")),
                new Refusal("channels", rule("channels as text").add("channels", channel)),
                new Refusal("channels[0]", rule("channel as a number").add("channels", Json.createArrayBuilder().add(7))),
                new Refusal("minSamples", rule("fractional samples").add("minSamples", 2.5)),
                new Refusal("enabled", rule("enabled as text").add("enabled", "yes")),
                new Refusal("enable", rule("misspelt").add("enable", false)));
        for (Refusal refusal : refusals) {
            assertProblem(admin.post(RULES, refusal.body().build().toString()), 400, refusal.field());
        }
        assertProblem(admin.post(RULES, "[]"), 400, "body");
        // The baseline the factor multiplies must exist for the version the rule names.
        JsonObjectBuilder latency = rule("p95 against its baseline").remove("threshold").add("metric", "latency_p95")
                .add("baselineFactor", 1.5).add("promptId", prompt);
        assertProblem(admin.post(RULES, latency.add("version", "1.0.0").build().toString()), 400, "baselineFactor");
        assertEquals(before, admin.get(RULES).array().size(), "a refused rule is not stored");

        JsonObject accepted = expect(201, admin.post(RULES, rule("p95 against its baseline").remove("threshold")
                .add("metric", "latency_p95").add("baselineFactor", 1.5).add("promptId", prompt).add("version", "1.1.0")
                .build().toString())).object();
        assertEquals(1.5, number(accepted, "baselineFactor"));
        assertEquals(prompt, accepted.getString("promptId"));
        // A replacement is checked as a creation is, and a refused one changes nothing.
        String id = accepted.getString("id");
        assertProblem(admin.put(RULES + "/" + id, rule("x").add("window", "7m").build().toString()), 400, "window");
        assertEquals(accepted, expect(200, admin.get(RULES + "/" + id)).object());
        assertProblem(admin.put(RULES + "/" + Api.unique("no-such-rule"), rule("x").build().toString()), 404, null);

        // Channels are checked by field too.
        assertProblem(admin.post(CHANNELS, "{\"name\":\"pager\",\"type\":\"pager\",\"url\":\"https://p.example.com\"}"), 400, "type");
        assertProblem(admin.post(CHANNELS, "{\"name\":\"ftp\",\"type\":\"webhook\",\"url\":\"ftp://p.example.com\"}"), 400, "url");
        assertProblem(admin.post(CHANNELS, "{\"name\":\"mail\",\"type\":\"email\"}"), 400, "to");
        assertProblem(admin.post(CHANNELS, "{\"name\":\"mail\",\"type\":\"email\",\"to\":\"a@example.com\"}"), 400, "to");
        assertProblem(admin.post(CHANNELS, "{\"name\":\"mail\",\"type\":\"email\",\"to\":[\"a@example.com\"],\"cc\":[]}"), 400, "cc");

        assertEquals(204, admin.delete(RULES + "/" + id).status());
        assertEquals(204, admin.delete(CHANNELS + "/" + channel).status());
    }

    @Test
    void viewersReadRulesButNotChannelsAndOnlyAdminsWrite() {
        Api viewer = Api.as(Api.newKey("viewer"));
        Api operator = Api.as(Api.newKey("operator"));
        List<JsonValue> rules = expect(200, viewer.get(RULES)).array();
        String anyRule = rules.get(0).asJsonObject().getString("id");
        expect(200, viewer.get(RULES + "/" + anyRule));
        String body = rule(Api.unique("not yours")).build().toString();
        for (Api notAdmin : List.of(viewer, operator)) {
            assertProblem(notAdmin.post(RULES, body), 403, null);
            assertProblem(notAdmin.put(RULES + "/" + anyRule, body), 403, null);
            assertProblem(notAdmin.delete(RULES + "/" + anyRule), 403, null);
            assertProblem(notAdmin.get(CHANNELS), 403, null);
            assertProblem(notAdmin.post(CHANNELS, "{\"name\":\"x\",\"type\":\"webhook\",\"url\":\"https://x.example.com\"}"), 403, null);
        }
        assertEquals(rules.size(), admin.get(RULES).array().size());
    }

    /** A rule body and the field its refusal must name. */
    private record Refusal(String field, JsonObjectBuilder body) {
    }

    /** A valid rule: error rate above 10 % over 10 minutes, critical, alert and flag. */
    private static JsonObjectBuilder rule(String name) {
        return Json.createObjectBuilder().add("name", name).add("metric", "error_rate").add("comparison", ">")
                .add("threshold", 0.1).add("window", "10m").add("minSamples", 30).add("severity", "critical")
                .add("actions", Json.createArrayBuilder().add("flag_for_review").add("alert"));
    }

    private static void assertNoSecret(String secret, Api.Reply... replies) {
        for (Api.Reply reply : replies) {
            assertEquals(200, reply.status() / 100 * 100, reply::toString);
            assertFalse(reply.body().contains(secret), () -> "an answer carries the secret: " + reply);
        }
    }

    private static Double number(JsonObject o, String name) {
        return o.containsKey(name) && !o.isNull(name) ? o.getJsonNumber(name).doubleValue() : null;
    }

    private static List<String> strings(JsonObject o, String name) {
        return o.containsKey(name) ? o.getJsonArray(name).getValuesAs(JsonString.class).stream().map(JsonString::getString).toList()
                : List.of();
    }
}
