package io.promptwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The registry's lifecycle over HTTP against the real server and database, illegal moves included. */
@ExtendWith(ArquillianExtension.class)
class RegistryIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Api.ear();
    }

    private final Api operator = Api.as(Api.newKey("operator"));

    static String promptJson(String id) {
        return Json.createObjectBuilder().add("id", id).add("name", "Support triage")
                .add("description", "Routes tickets").add("tags", Json.createArrayBuilder().add("support")).build().toString();
    }

    static String versionJson(String version, String text) {
        return Json.createObjectBuilder().add("version", version).add("text", text).add("createdBy", "alice")
                .add("explorationTrace", Json.createObjectBuilder().add("path", "root → B → B.1"))
                .add("baseline", Json.createObjectBuilder().add("predictedQuality", 0.82).add("latencyP95Ms", 900))
                .add("thresholds", Json.createObjectBuilder().add("error_rate", Json.createObjectBuilder().add("critical", 0.05)))
                .add("autoRollback", true).build().toString();
    }

    @Test
    void promptIdsAreUniqueSlugs() {
        String id = Api.unique("triage");
        Api.Reply created = operator.post("/api/v1/prompts", promptJson(id));
        assertEquals(201, created.status(), created::toString);
        assertTrue(created.header("Location").endsWith("/api/v1/prompts/" + id), created.header("Location"));

        Api.Reply again = operator.post("/api/v1/prompts", promptJson(id));
        assertProblem(again, 409, "id");

        assertProblem(operator.post("/api/v1/prompts", promptJson("Not A Slug")), 400, "id");
        assertProblem(operator.post("/api/v1/prompts", "{\"id\":"), 400, "body");
        assertProblem(operator.get("/api/v1/prompts/" + Api.unique("missing")), 404, null);

        JsonObject read = operator.get("/api/v1/prompts/" + id).object();
        assertEquals("Support triage", read.getString("name"));
        assertEquals(List.of("support"), read.getJsonArray("tags").getValuesAs(v -> ((jakarta.json.JsonString) v).getString()));
    }

    @Test
    void versionsCarryTheServersContentHashAndAreUniqueAndSemantic() throws Exception {
        String id = created();
        String text = "You are a support triage assistant. Classify: {{ticket}}";
        Api.Reply reply = operator.post("/api/v1/prompts/" + id + "/versions", versionJson("1.0.0", text));
        assertEquals(201, reply.status(), reply::toString);
        JsonObject version = reply.object();
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, version.getString("contentHash"));
        assertEquals("draft", version.getString("status"));
        assertEquals("alice", version.getString("createdBy"));
        assertEquals("root → B → B.1", version.getJsonObject("explorationTrace").getString("path"));
        assertEquals(0.82, version.getJsonObject("baseline").getJsonNumber("predictedQuality").doubleValue());

        assertProblem(operator.post("/api/v1/prompts/" + id + "/versions", versionJson("1.0.0", "other text")), 409, "version");
        assertProblem(operator.post("/api/v1/prompts/" + id + "/versions", versionJson("1.0", "x")), 400, "version");
        assertProblem(operator.post("/api/v1/prompts/" + id + "/versions", versionJson("01.0.0", "x")), 400, "version");
        assertProblem(operator.post("/api/v1/prompts/" + id + "/versions", versionJson("1.0.1", " ")), 400, "text");

        operator.post("/api/v1/prompts/" + id + "/versions", versionJson("1.10.0", "ten"));
        operator.post("/api/v1/prompts/" + id + "/versions", versionJson("1.9.0", "nine"));
        List<String> order = operator.get("/api/v1/prompts/" + id + "/versions").array().stream()
                .map(v -> v.asJsonObject().getString("version")).toList();
        assertEquals(List.of("1.0.0", "1.9.0", "1.10.0"), order);
    }

    @Test
    void lifecycleDeployRollbackAndIllegalMoves() {
        String id = created();
        String base = "/api/v1/prompts/" + id;
        operator.post(base + "/versions", versionJson("1.0.0", "first"));
        operator.post(base + "/versions", versionJson("1.1.0", "second"));
        assertProblem(operator.get(base + "/active"), 404, null);

        // draft → deploy is not allowed: the answer names the allowed moves.
        Api.Reply early = operator.post(base + "/versions/1.0.0/deploy", "{\"reason\":\"too soon\"}");
        assertProblem(early, 409, "status");
        assertTrue(early.object().getString("detail").contains("stage"), early::toString);

        assertEquals("staged", operator.post(base + "/versions/1.0.0/stage", null).object().getString("status"));
        assertProblem(operator.post(base + "/versions/1.0.0/stage", null), 409, "status");
        JsonObject deployed = operator.post(base + "/versions/1.0.0/deploy", "{\"reason\":\"launch\"}").object();
        assertEquals("active", deployed.getString("status"));
        assertFalse(deployed.containsKey("rollbackTo"), deployed::toString);
        assertEquals("1.0.0", operator.get(base + "/active").object().getString("version"));

        operator.post(base + "/versions/1.1.0/stage", "{}");
        JsonObject second = operator.post(base + "/versions/1.1.0/deploy", "{\"reason\":\"better recall\"}").object();
        assertEquals("1.0.0", second.getString("rollbackTo"));
        // The cached active version was dropped by the deploy.
        JsonObject active = operator.get(base + "/active").object();
        assertEquals("1.1.0", active.getString("version"));
        assertEquals("second", active.getString("text"));
        assertEquals("staged", operator.get(base + "/versions/1.0.0").object().getString("status"));

        // Illegal moves on the active version.
        assertProblem(operator.post(base + "/versions/1.1.0/stage", null), 409, "status");
        assertProblem(operator.post(base + "/versions/1.1.0/deprecate", null), 409, "status");

        assertProblem(operator.post(base + "/rollback", "{}"), 400, "reason");
        JsonObject rolledBack = operator.post(base + "/rollback", "{\"reason\":\"error rate up\"}").object();
        assertEquals("1.0.0", rolledBack.getString("version"));
        assertEquals("active", rolledBack.getString("status"));
        assertEquals("1.0.0", operator.get(base + "/active").object().getString("version"));
        assertEquals("deprecated", operator.get(base + "/versions/1.1.0").object().getString("status"));
        assertProblem(operator.post(base + "/versions/1.1.0/deploy", null), 409, "status");
        // 1.0.0 was first deployed with nothing before it: no rollback reference, so nothing to roll back to.
        assertProblem(operator.post(base + "/rollback", "{\"reason\":\"again\"}"), 409, null);

        List<JsonObject> events = operator.get(base + "/events").array().stream().map(v -> v.asJsonObject()).toList();
        List<String> actions = events.stream().map(e -> e.getString("action")).toList();
        assertEquals(List.of("create_prompt", "register", "register", "stage", "deploy", "stage", "retire", "deploy",
                "rollback", "rollback"), actions);
        JsonObject rollbackEvent = events.get(9);
        assertEquals("1.0.0", rollbackEvent.getString("version"));
        assertEquals("staged", rollbackEvent.getString("from"));
        assertEquals("active", rollbackEvent.getString("to"));
        assertEquals("error rate up", rollbackEvent.getString("reason"));
        assertTrue(rollbackEvent.getString("actor").startsWith("key-operator"), rollbackEvent::toString);
        assertTrue(rollbackEvent.containsKey("at"));
    }

    @Test
    void deployCanNameItsRollbackReferenceAndDeprecateThePrevious() {
        String id = created();
        String base = "/api/v1/prompts/" + id;
        for (String v : List.of("1.0.0", "2.0.0", "3.0.0")) {
            operator.post(base + "/versions", versionJson(v, "text " + v));
            operator.post(base + "/versions/" + v + "/stage", null);
        }
        operator.post(base + "/versions/1.0.0/deploy", null);
        operator.post(base + "/versions/2.0.0/deploy", "{\"deprecatePrevious\":true}");
        assertEquals("deprecated", operator.get(base + "/versions/1.0.0").object().getString("status"));
        assertProblem(operator.post(base + "/versions/3.0.0/deploy", "{\"rollbackTo\":\"9.9.9\"}"), 422, "rollbackTo");
        JsonObject third = operator.post(base + "/versions/3.0.0/deploy", "{\"rollbackTo\":\"1.0.0\"}").object();
        assertEquals("1.0.0", third.getString("rollbackTo"));
        // A rollback may bring back a deprecated version when it is the named reference.
        assertEquals("1.0.0", operator.post(base + "/rollback", "{\"reason\":\"3.0.0 regressed\"}").object().getString("version"));
    }

    /**
     * Four operators registering, deploying and rolling back versions of one prompt at once: every
     * answer is a success or a 409 refusal (a rollback with no reference, say), never a 5xx, and the
     * prompt ends with exactly one active version, the one it names. Before the moves read their
     * versions under the lock, a manual rollback could deprecate a version another operator's deploy
     * had just replaced with the state it read before (500, "only the active version retires").
     */
    @Test
    void concurrentMovesOnOnePromptAreSerialisedNeverFailed() throws Exception {
        String id = created();
        String base = "/api/v1/prompts/" + id;
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        List<String> failures = new CopyOnWriteArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int client = 1; client <= 4; client++) {
                int major = client;
                done.add(clients.submit(() -> {
                    for (int minor = 0; minor < 8; minor++) {
                        String v = major + "." + minor + ".0";
                        for (Api.Reply reply : List.of(
                                operator.post(base + "/versions", versionJson(v, "text " + v)),
                                operator.post(base + "/versions/" + v + "/stage", null),
                                operator.post(base + "/versions/" + v + "/deploy", "{\"reason\":\"client " + major + "\"}"),
                                operator.post(base + "/rollback", "{\"reason\":\"client " + major + " rolls back\"}"))) {
                            statuses.merge(reply.status(), 1, Integer::sum);
                            if (reply.status() >= 500 || (reply.status() >= 400 && reply.status() != 409)) {
                                failures.add(reply.toString());
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            clients.shutdownNow();
        }
        assertTrue(failures.isEmpty(), () -> statuses + " " + failures);
        String active = operator.get(base + "/active").object().getString("version");
        List<String> activeVersions = operator.get(base + "/versions").array().stream().map(v -> v.asJsonObject())
                .filter(v -> v.getString("status").equals("active")).map(v -> v.getString("version")).toList();
        assertEquals(List.of(active), activeVersions, statuses::toString);
    }

    /**
     * Requests that create the same prompt at once: each finds no prompt with the id, so the one
     * that commits second meets the key the first committed. On PostgreSQL that failure came as a
     * plain {@code SQLException} and was answered as an outage (503, retry in 5 s); it is a 409.
     */
    @Test
    void racingCreatesOfOnePromptAreOneCreatedAndConflicts() throws Exception {
        int racers = 6;
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        List<String> wrong = new CopyOnWriteArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(racers);
        try {
            for (int round = 0; round < 8; round++) {
                String body = promptJson(Api.unique("race"));
                CyclicBarrier start = new CyclicBarrier(racers);
                List<Future<Api.Reply>> replies = new ArrayList<>();
                for (int i = 0; i < racers; i++) {
                    replies.add(clients.submit(() -> {
                        start.await(1, TimeUnit.MINUTES);
                        return operator.post("/api/v1/prompts", body);
                    }));
                }
                int created = 0;
                for (Future<Api.Reply> f : replies) {
                    Api.Reply reply = f.get(2, TimeUnit.MINUTES);
                    statuses.merge(reply.status(), 1, Integer::sum);
                    if (reply.status() == 201) {
                        created++;
                    } else if (reply.status() != 409 || !reply.contentType().startsWith("application/problem+json")) {
                        wrong.add(reply.toString());
                    }
                }
                assertEquals(1, created, statuses::toString);
            }
        } finally {
            clients.shutdownNow();
        }
        assertTrue(wrong.isEmpty(), () -> statuses + " " + wrong);
    }

    private String created() {
        String id = Api.unique("reg");
        assertEquals(201, operator.post("/api/v1/prompts", promptJson(id)).status());
        return id;
    }

    static void assertProblem(Api.Reply reply, int status, String field) {
        assertEquals(status, reply.status(), reply::toString);
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply::toString);
        JsonObject problem = reply.object();
        assertEquals(status, problem.getInt("status"), reply::toString);
        assertTrue(problem.containsKey("title") && problem.containsKey("detail") && problem.containsKey("type"), reply::toString);
        if (field != null) {
            assertEquals(field, problem.getString("field", null), reply::toString);
        }
    }
}
