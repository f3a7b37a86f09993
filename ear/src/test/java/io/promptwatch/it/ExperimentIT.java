package io.promptwatch.it;

import static io.promptwatch.it.Fixtures.expect;
import static io.promptwatch.it.RegistryIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An experiment from declaration to the deployed winner: planned size, sticky split assignment,
 * records per assigned version, the sequential decision, stop with deployment through the registry.
 */
@ExtendWith(ArquillianExtension.class)
class ExperimentIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Api.ear();
    }

    @Test
    void declareAssignWatchAndDeployTheWinner() {
        Api operator = Api.as(Api.newKey("operator"));
        Api ingest = Api.as(Api.newKey("ingest"));
        String prompt = Fixtures.activePrompt(operator, null);
        expect(201, operator.post("/api/v1/prompts/" + prompt + "/versions", "{\"version\":\"1.1.0\",\"text\":\"Variant: {{q}}\"}"));

        String declaration = Json.createObjectBuilder().add("promptId", prompt).add("name", "shorter instructions")
                .add("controlVersion", "1.0.0").add("variantVersions", Json.createArrayBuilder().add("1.1.0"))
                .add("metric", "success").add("alpha", 0.05).add("power", 0.8).add("minimumDetectableEffect", 0.1)
                .add("baselineRate", 0.7).build().toString();
        // The design checks answer before anything is stored (the entity's rules, ExperimentDesignTest and ArmsTest).
        assertProblem(operator.post("/api/v1/experiments", declaration.replace(prompt, Api.unique("none"))), 422, "promptId");
        assertProblem(operator.post("/api/v1/experiments", declaration.replace("[\"1.1.0\"]", "[\"1.0.0\"]")), 400, "variantVersions");
        assertProblem(operator.post("/api/v1/experiments", declaration.replace("[\"1.1.0\"]", "[\"9.9.9\"]")), 422, "variantVersions");
        assertProblem(operator.post("/api/v1/experiments", declaration.replace("\"success\"", "\"speed\"")), 400, "metric");
        assertProblem(operator.post("/api/v1/experiments", declaration.replace("\"alpha\":0.05", "\"alpha\":1.5")), 400, "alpha");
        assertProblem(operator.post("/api/v1/experiments", declaration.replace(",\"baselineRate\":0.7", "")), 400, "baselineRate");
        assertProblem(operator.post("/api/v1/experiments", declaration.replace("}", ",\"weights\":[1]}")), 400, "weights");
        // A missing prompt id is the request's fault, not an unknown prompt's; texts must fit their columns.
        assertProblem(operator.post("/api/v1/experiments", declaration.replace("\"promptId\":\"" + prompt + "\",", "")), 400, "promptId");
        assertProblem(operator.post("/api/v1/experiments", declaration.replace("\"" + prompt + "\"", "null")), 400, "promptId");
        assertProblem(operator.post("/api/v1/experiments", declaration.replace("\"" + prompt + "\"", "\"\"")), 400, "promptId");
        assertProblem(operator.post("/api/v1/experiments", declaration.replace("shorter instructions", "n".repeat(201))), 400, "name");
        Api.Reply created = operator.post("/api/v1/experiments", declaration);
        assertEquals(201, created.status(), created::toString);
        JsonObject experiment = created.object();
        String id = experiment.getString("id");
        // R 4.2.2: power.prop.test(p1 = 0.7, p2 = 0.8, sig.level = 0.05, power = 0.8)$n = 293.1513, so 294 per arm
        assertEquals(294, experiment.getInt("requiredSampleSizePerArm"));
        assertProblem(operator.post("/api/v1/experiments", declaration), 409, "promptId");
        // Decisions travel as their words, never as the names of the constants behind them.
        assertEquals("continue", operator.get("/api/v1/experiments/" + id).object().getJsonObject("results").getString("decision"));
        assertProblem(operator.post("/api/v1/experiments/" + id + "/stop", "{\"reason\":\"" + "r".repeat(2001) + "\"}"), 400, "reason");
        assertEquals("running", operator.get("/api/v1/experiments/" + id).object().getString("status"), "a refused stop stops nothing");
        Api.Reply noWinner = operator.post("/api/v1/experiments/" + id + "/stop", "{\"deployWinner\":true}");
        assertProblem(noWinner, 409, "deployWinner");
        assertEquals("there is no winner to deploy: the decision is 'continue'", noWinner.object().getString("detail"));
        assertProblem(ingest.get("/api/v1/prompts/" + prompt + "/resolve"), 400, "subject");

        Map<String, String> assigned = new HashMap<>();
        int variantCount = 0;
        for (int i = 0; i < 200; i++) {
            String subject = "user-" + i;
            JsonObject resolved = ingest.get("/api/v1/prompts/" + prompt + "/resolve?subject=" + subject).object();
            assertEquals(id, resolved.getString("experimentId"));
            assigned.put(subject, resolved.getString("version"));
            variantCount += resolved.getString("version").equals("1.1.0") ? 1 : 0;
        }
        assertTrue(variantCount > 70 && variantCount < 130, "a 50/50 split gave " + variantCount + " of 200 to the variant");
        for (int i = 0; i < 20; i++) {
            String subject = "user-" + i;
            assertEquals(assigned.get(subject), ingest.get("/api/v1/prompts/" + prompt + "/resolve?subject=" + subject)
                    .object().getString("version"), "assignment is sticky");
        }

        // The variant succeeds far more often: 95 % against 55 %.
        JsonArrayBuilder batch = Json.createArrayBuilder();
        int[] seen = new int[2];
        for (int round = 0; round < 2; round++) {
            for (Map.Entry<String, String> e : assigned.entrySet()) {
                boolean variant = e.getValue().equals("1.1.0");
                int k = seen[variant ? 1 : 0]++;
                boolean success = variant ? k % 20 != 0 : k % 20 < 11;
                batch.add(Fixtures.record(Api.unique("x"), prompt, Instant.now()).add("version", e.getValue())
                        .add("userId", e.getKey()).add("success", success));
            }
        }
        expect(200, ingest.post("/api/v1/executions/batch", batch.build().toString()));

        JsonObject watched = operator.get("/api/v1/experiments/" + id).object();
        JsonObject results = watched.getJsonObject("results");
        assertEquals("stop: variant wins", results.getString("decision"), watched::toString);
        assertEquals("1.1.0", results.getString("winner"));
        assertTrue(results.getString("method").startsWith("mSPRT"));
        long stored = results.getJsonArray("arms").stream().map(JsonValue::asJsonObject).mapToLong(a -> a.getJsonNumber("n").longValue()).sum();
        assertEquals(400, stored);
        assertTrue(results.getJsonNumber("progress").doubleValue() < 1, "decided before the planned size");

        JsonObject stopped = operator.post("/api/v1/experiments/" + id + "/stop",
                "{\"reason\":\"clear win\",\"deployWinner\":true}").object();
        assertEquals("stopped", stopped.getString("status"));
        assertEquals("1.1.0", stopped.getString("winner"));
        assertEquals("stop: variant wins", stopped.getString("decision"), stopped::toString);
        // Read back from the database: the stored words come back as the decision they name.
        JsonObject listed = operator.get("/api/v1/experiments").array().stream().map(JsonValue::asJsonObject)
                .filter(x -> x.getString("id").equals(id)).findFirst().orElseThrow();
        assertEquals("stop: variant wins", listed.getString("decision"), listed::toString);
        assertEquals("1.1.0", operator.get("/api/v1/prompts/" + prompt + "/active").object().getString("version"));
        JsonObject deployEvent = operator.get("/api/v1/prompts/" + prompt + "/events").array().stream().map(JsonValue::asJsonObject)
                .filter(e -> e.getString("action").equals("deploy") && e.getString("version").equals("1.1.0")).findFirst().orElseThrow();
        assertTrue(deployEvent.getString("reason").contains(id), deployEvent::toString);
        assertTrue(deployEvent.getString("reason").contains("): stop: variant wins; clear win"), deployEvent::toString);

        JsonObject after = ingest.get("/api/v1/prompts/" + prompt + "/resolve?subject=user-1").object();
        assertEquals("1.1.0", after.getString("version"));
        assertFalse(after.containsKey("experimentId"));
        assertProblem(operator.post("/api/v1/experiments/" + id + "/stop", null), 409, "status");
    }
}
