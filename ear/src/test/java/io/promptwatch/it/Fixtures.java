package io.promptwatch.it;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/** Prompts with an active version, and execution records, as the tests need them. */
final class Fixtures {

    private Fixtures() {
    }

    /** Registers a prompt (optionally with a privacy mode) whose version 1.0.0 is active; returns its id. */
    static String activePrompt(Api operator, String privacyMode) {
        String id = Api.unique("ingest");
        JsonObjectBuilder prompt = Json.createObjectBuilder().add("id", id).add("name", "Ingest target");
        if (privacyMode != null) {
            prompt.add("privacyMode", privacyMode);
        }
        expect(201, operator.post("/api/v1/prompts", prompt.build().toString()));
        expect(201, operator.post("/api/v1/prompts/" + id + "/versions", "{\"version\":\"1.0.0\",\"text\":\"Answer: {{q}}\"}"));
        expect(200, operator.post("/api/v1/prompts/" + id + "/versions/1.0.0/stage", null));
        expect(200, operator.post("/api/v1/prompts/" + id + "/versions/1.0.0/deploy", "{\"reason\":\"test\"}"));
        return id;
    }

    /** A complete, valid record of an execution of {@code promptId}. */
    static JsonObjectBuilder record(String executionId, String promptId, Instant timestamp) {
        return Json.createObjectBuilder()
                .add("executionId", executionId)
                .add("promptId", promptId)
                .add("version", "1.0.0")
                .add("model", "gpt-4o-mini")
                .add("timestamp", timestamp.toString())
                .add("latencyMs", 812.5)
                .add("inputTokens", 120)
                .add("outputTokens", 48)
                .add("cost", 0.00042)
                .add("success", true)
                .add("qualityScore", 0.87)
                .add("userFeedback", 4)
                .add("difficulty", "medium")
                .add("domain", "billing")
                .add("temperature", 0.2)
                .add("userId", "u-17")
                .add("sessionId", "s-9")
                .add("tags", Json.createArrayBuilder().add("eu").add("beta"))
                .add("metadata", Json.createObjectBuilder().add("region", "eu-west-1"))
                .add("input", "How do I change my billing address?")
                .add("output", "Open Settings, then Billing.");
    }

    static Api.Reply expect(int status, Api.Reply reply) {
        if (reply.status() != status) {
            throw new AssertionError("expected " + status + ": " + reply);
        }
        return reply;
    }

    /**
     * Waits until the rollups have read every stored record (at most a minute); every answer on the
     * way must give the lag of all six windows, the slowest one's as {@code pendingRecords}.
     */
    static void awaitRolledUp(Api viewer) {
        Server.await(Duration.ofSeconds(60), "rollups caught up", () -> {
            JsonObject progress = viewer.get("/api/v1/metrics/rollup").object();
            JsonObject windows = progress.getJsonObject("windows");
            long pending = progress.getJsonNumber("pendingRecords").longValue();
            long slowest = windows.values().stream().mapToLong(v -> ((JsonNumber) v).longValue()).max().orElse(-1);
            if (!windows.keySet().equals(Set.of("1m", "5m", "1h", "6h", "24h", "7d")) || pending != slowest) {
                throw new AssertionError("rollup progress without the six windows' lags or not their maximum: " + progress);
            }
            return pending == 0;
        });
    }
}
