package io.promptwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every endpoint against every role: no key or an unknown key is 401, a key without the role 403,
 * a key with it is let through (whatever the operation then answers: 2xx, 404, 409 ...).
 */
@ExtendWith(ArquillianExtension.class)
class RoleMatrixIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Api.ear();
    }

    private record Endpoint(String name, Set<String> allowed, Function<Api, Api.Reply> call) {
    }

    private static final Set<String> INGEST = Set.of("ingest", "admin");
    private static final Set<String> READ = Set.of("viewer", "operator", "admin");
    private static final Set<String> OPERATE = Set.of("operator", "admin");
    private static final Set<String> ADMIN = Set.of("admin");

    private static Map<String, Api> keys;
    private static String prompt;

    @BeforeAll
    static void keys() {
        keys = Map.of("ingest", Api.as(Api.newKey("ingest")), "viewer", Api.as(Api.newKey("viewer")),
                "operator", Api.as(Api.newKey("operator")), "admin", Api.admin());
        prompt = Fixtures.activePrompt(keys.get("operator"), null);
    }

    private static List<Endpoint> endpoints() {
        String p = "/api/v1/prompts/" + prompt;
        String record = Fixtures.record(Api.unique("rm"), prompt, Instant.now()).build().toString();
        return List.of(
                new Endpoint("POST /keys", ADMIN, a -> a.post("/api/v1/keys", "{\"name\":\"x\",\"roles\":[\"viewer\"]}")),
                new Endpoint("GET /keys", ADMIN, a -> a.get("/api/v1/keys")),
                new Endpoint("DELETE /keys/{id}", ADMIN, a -> a.delete("/api/v1/keys/no-such-key")),
                new Endpoint("POST /keys/{id}/rotate", ADMIN, a -> a.post("/api/v1/keys/no-such-key/rotate", null)),
                new Endpoint("POST /prompts", OPERATE, a -> a.post("/api/v1/prompts", "{\"id\":\"" + Api.unique("rm") + "\",\"name\":\"n\"}")),
                new Endpoint("GET /prompts", READ, a -> a.get("/api/v1/prompts")),
                new Endpoint("GET /prompts/{id}", READ, a -> a.get(p)),
                new Endpoint("POST versions", OPERATE, a -> a.post(p + "/versions", "{\"version\":\"9." + System.nanoTime() % 1000000 + ".0\",\"text\":\"t\"}")),
                new Endpoint("GET versions", READ, a -> a.get(p + "/versions")),
                new Endpoint("GET version", READ, a -> a.get(p + "/versions/1.0.0")),
                new Endpoint("POST stage", OPERATE, a -> a.post(p + "/versions/1.0.0/stage", null)),
                new Endpoint("POST deploy", OPERATE, a -> a.post(p + "/versions/1.0.0/deploy", null)),
                new Endpoint("POST deprecate", OPERATE, a -> a.post(p + "/versions/1.0.0/deprecate", null)),
                new Endpoint("GET active", Set.of("ingest", "viewer", "operator", "admin"), a -> a.get(p + "/active")),
                new Endpoint("POST rollback", OPERATE, a -> a.post(p + "/rollback", "{\"reason\":\"r\"}")),
                new Endpoint("GET events", READ, a -> a.get(p + "/events")),
                new Endpoint("POST /executions", INGEST, a -> a.post("/api/v1/executions", record)),
                new Endpoint("POST /executions/batch", INGEST, a -> a.post("/api/v1/executions/batch", "[" + record + "]")),
                new Endpoint("GET /executions", READ, a -> a.get("/api/v1/executions?limit=1")),
                new Endpoint("GET /executions/{id}", READ, a -> a.get("/api/v1/executions/none")),
                new Endpoint("PUT feedback", INGEST, a -> a.put("/api/v1/executions/none/feedback", "{\"score\":3}")),
                new Endpoint("GET /metrics", READ, a -> a.get("/api/v1/metrics?promptId=" + prompt + "&from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z")),
                new Endpoint("GET /metrics/models", READ, a -> a.get("/api/v1/metrics/models?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z")),
                new Endpoint("GET /metrics/versions", READ, a -> a.get("/api/v1/metrics/versions?promptId=" + prompt + "&from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z")),
                new Endpoint("GET /metrics/rollup", READ, a -> a.get("/api/v1/metrics/rollup")),
                new Endpoint("GET summary", READ, a -> a.get(p + "/summary?period=24h")));
    }

    @Test
    void everyEndpointTimesEveryRole() {
        List<String> wrong = new ArrayList<>();
        for (Endpoint endpoint : endpoints()) {
            check(wrong, endpoint, "no key", Api.anonymous(), 401);
            check(wrong, endpoint, "unknown key", Api.as("pw_not-a-key-at-all-0000000000"), 401);
            for (Map.Entry<String, Api> key : keys.entrySet()) {
                Api.Reply reply = endpoint.call().apply(key.getValue());
                boolean allowed = endpoint.allowed().contains(key.getKey());
                if (allowed && (reply.status() == 401 || reply.status() == 403)) {
                    wrong.add(endpoint.name() + " as " + key.getKey() + " was refused: " + reply);
                } else if (!allowed && reply.status() != 403) {
                    wrong.add(endpoint.name() + " as " + key.getKey() + " expected 403: " + reply);
                } else if (!allowed) {
                    assertTrue(reply.contentType().startsWith("application/problem+json"), reply::toString);
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void aRevokedKeyIsRefusedAtOnce() {
        Api.Reply issued = Api.admin().post("/api/v1/keys", "{\"name\":\"short-lived\",\"roles\":[\"viewer\"]}");
        assertEquals(201, issued.status(), issued::toString);
        Api viewer = Api.as(issued.object().getString("key"));
        assertEquals(200, viewer.get("/api/v1/prompts").status());

        List<String> listed = Api.admin().get("/api/v1/keys").array().stream()
                .map(k -> k.asJsonObject()).filter(k -> k.getString("name").equals("short-lived"))
                .map(k -> k.toString()).toList();
        assertTrue(listed.stream().noneMatch(k -> k.contains("\"key\"")), "a listing never shows secrets: " + listed);

        assertEquals(200, Api.admin().delete("/api/v1/keys/" + issued.object().getString("id")).status());
        Api.Reply refused = viewer.get("/api/v1/prompts");
        assertEquals(401, refused.status(), refused::toString);
        assertEquals("Bearer realm=\"promptwatch\"", refused.header("WWW-Authenticate"));
    }

    private static void check(List<String> wrong, Endpoint endpoint, String who, Api api, int expected) {
        Api.Reply reply = endpoint.call().apply(api);
        if (reply.status() != expected || !reply.contentType().startsWith("application/problem+json")) {
            wrong.add(endpoint.name() + " with " + who + " expected " + expected + ": " + reply);
        }
    }
}
