package io.promptwatch.it;

import static io.promptwatch.it.Fixtures.expect;
import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every operation of the server's OpenAPI document against every kind of caller: no Authorization
 * header, a malformed one, an unknown, a revoked and an expired key get 401 problem+json; a key
 * without the role 403 problem+json; a key with it is let through (whatever the operation then
 * answers: 2xx, 400, 404, 409 ...). The roles come from {@link #ALLOWED}, which must name exactly the
 * document's operations: a new endpoint fails this test until someone decides who may call it.
 * Health, metrics and the document itself are outside /api/v1 and open to all.
 */
@ExtendWith(ArquillianExtension.class)
class OpenApiRoleMatrixIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Api.ear();
    }

    private static final Set<String> INGEST = Set.of("ingest", "admin");
    private static final Set<String> READ = Set.of("viewer", "operator", "admin");
    private static final Set<String> READ_OR_INGEST = Set.of("ingest", "viewer", "operator", "admin");
    private static final Set<String> OPERATE = Set.of("operator", "admin");
    private static final Set<String> ADMIN = Set.of("admin");

    /** Who may call each operation of the document (admin includes every role, operator includes viewer). */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            entry("POST /api/v1/keys", ADMIN),
            entry("GET /api/v1/keys", ADMIN),
            // Who am I: any valid key may ask which roles it has (the dashboard shows only the buttons they allow).
            entry("GET /api/v1/keys/me", READ_OR_INGEST),
            entry("DELETE /api/v1/keys/{id}", ADMIN),
            entry("POST /api/v1/keys/{id}/rotate", ADMIN),
            entry("POST /api/v1/prompts", OPERATE),
            entry("GET /api/v1/prompts", READ),
            entry("GET /api/v1/prompts/{id}", READ),
            entry("POST /api/v1/prompts/{id}/versions", OPERATE),
            entry("GET /api/v1/prompts/{id}/versions", READ),
            entry("GET /api/v1/prompts/{id}/versions/{version}", READ),
            entry("POST /api/v1/prompts/{id}/versions/{version}/stage", OPERATE),
            entry("POST /api/v1/prompts/{id}/versions/{version}/deploy", OPERATE),
            entry("POST /api/v1/prompts/{id}/versions/{version}/deprecate", OPERATE),
            entry("GET /api/v1/prompts/{id}/active", READ_OR_INGEST),
            entry("GET /api/v1/prompts/{id}/resolve", READ_OR_INGEST),
            entry("POST /api/v1/prompts/{id}/rollback", OPERATE),
            entry("GET /api/v1/prompts/{id}/events", READ),
            entry("GET /api/v1/prompts/{id}/summary", READ),
            entry("POST /api/v1/executions", INGEST),
            entry("POST /api/v1/executions/batch", INGEST),
            entry("GET /api/v1/executions", READ),
            entry("GET /api/v1/executions/{executionId}", READ),
            entry("PUT /api/v1/executions/{executionId}/feedback", INGEST),
            entry("GET /api/v1/metrics", READ),
            entry("GET /api/v1/metrics/models", READ),
            entry("GET /api/v1/metrics/versions", READ),
            entry("GET /api/v1/metrics/rollup", READ),
            entry("GET /api/v1/summaries", READ),
            entry("POST /api/v1/analysis/compare", READ),
            entry("POST /api/v1/analysis/sample-size", READ),
            entry("POST /api/v1/analysis/adjust", READ),
            entry("POST /api/v1/analysis/correlations", READ),
            entry("POST /api/v1/analysis/success-model", READ),
            entry("POST /api/v1/analysis/timeseries", READ),
            entry("GET /api/v1/analysis/matrix", READ),
            entry("POST /api/v1/experiments", OPERATE),
            entry("GET /api/v1/experiments", READ),
            entry("GET /api/v1/experiments/{id}", READ),
            entry("POST /api/v1/experiments/{id}/stop", OPERATE),
            entry("POST /api/v1/alert-rules", ADMIN),
            entry("GET /api/v1/alert-rules", READ),
            entry("GET /api/v1/alert-rules/{id}", READ),
            entry("PUT /api/v1/alert-rules/{id}", ADMIN),
            entry("DELETE /api/v1/alert-rules/{id}", ADMIN),
            // A channel's URL may be its credential (Slack's is): reading channels is for admins too.
            entry("POST /api/v1/channels", ADMIN),
            entry("GET /api/v1/channels", ADMIN),
            entry("GET /api/v1/channels/{id}", ADMIN),
            entry("PUT /api/v1/channels/{id}", ADMIN),
            entry("DELETE /api/v1/channels/{id}", ADMIN),
            entry("POST /api/v1/channels/{id}/test", ADMIN),
            entry("GET /api/v1/alerts", READ),
            entry("GET /api/v1/alerts/{id}", READ),
            entry("POST /api/v1/alerts/{id}/acknowledge", OPERATE),
            entry("POST /api/v1/alerts/{id}/resolve", OPERATE),
            entry("POST /api/v1/alerts/evaluations", ADMIN),
            entry("GET /api/v1/rollbacks", READ),
            entry("GET /api/v1/rollbacks/{id}", READ),
            entry("GET /api/v1/prompts/{id}/calibration", READ),
            entry("GET /api/v1/calibration", READ),
            entry("GET /api/v1/health/overview", READ),
            entry("GET /api/v1/jobs", READ),
            entry("POST /api/v1/jobs/{name}", OPERATE),
            entry("GET /api/v1/jobs/executions", READ),
            entry("GET /api/v1/jobs/executions/{id}", READ),
            entry("POST /api/v1/jobs/executions/{id}/stop", OPERATE),
            entry("POST /api/v1/jobs/executions/{id}/restart", OPERATE),
            // An export holds records, which viewers read anyway (GET /executions).
            entry("GET /api/v1/exports/{id}", READ),
            // Reports hold the figures the metrics API answers viewers anyway.
            entry("GET /api/v1/reports", READ),
            entry("GET /api/v1/reports/{id}", READ),
            // Digests send report figures to channels, whose addresses only admins see: like channels, admin only.
            entry("POST /api/v1/report-subscriptions", ADMIN),
            entry("GET /api/v1/report-subscriptions", ADMIN),
            entry("GET /api/v1/report-subscriptions/{id}", ADMIN),
            entry("DELETE /api/v1/report-subscriptions/{id}", ADMIN));

    /** The fields a problem document may have: a refusal carries nothing of the resource. */
    private static final Set<String> PROBLEM_FIELDS = Set.of("type", "title", "status", "detail", "field", "errors");

    /** Callers without a usable key, by the Authorization header they send (none: no header). */
    private static final Map<String, String> NOT_KEYS = new LinkedHashMap<>();
    /** Keys by role. */
    private static final Map<String, String> ROLES = new LinkedHashMap<>();
    private static List<OpenApiOperations.Operation> operations;

    @BeforeAll
    static void callers() {
        Instant expiry = Instant.now().plusSeconds(2);
        JsonObject expiring = expect(201, Api.admin().post("/api/v1/keys", "{\"name\":\"matrix-expiring\",\"roles\":[\"admin\"],"
                + "\"expiresAt\":\"" + expiry + "\"}")).object();
        JsonObject revoked = expect(201, Api.admin().post("/api/v1/keys", "{\"name\":\"matrix-revoked\",\"roles\":[\"admin\"]}")).object();
        // Used once before it stops working, so that the server's key cache holds both and must still refuse them.
        expect(200, Api.as(revoked.getString("key")).get("/api/v1/prompts"));
        expect(200, Api.as(expiring.getString("key")).get("/api/v1/prompts"));
        expect(200, Api.admin().delete("/api/v1/keys/" + revoked.getString("id")));

        NOT_KEYS.put("no Authorization header", null);
        NOT_KEYS.put("'Bearer' alone", "Bearer");
        NOT_KEYS.put("a Basic credential", "Basic eHl6OnNlY3JldA==");
        NOT_KEYS.put("a 10 KB header", "Bearer " + "k".repeat(10 * 1024));
        NOT_KEYS.put("an unknown key", "Bearer pw_not-a-key-at-all-0000000000");
        NOT_KEYS.put("a revoked key", "Bearer " + revoked.getString("key"));
        NOT_KEYS.put("an expired key", "Bearer " + expiring.getString("key"));
        for (String role : List.of("ingest", "viewer", "operator", "admin")) {
            ROLES.put(role, Api.newKey(role));
        }
        operations = OpenApiOperations.read();
        Server.await(Duration.ofSeconds(15), "the key expired", () -> Instant.now().isAfter(expiry.plusMillis(500)));
    }

    @Test
    void theTableNamesExactlyTheDocumentsOperations() {
        Set<String> documented = new TreeSet<>(operations.stream().map(OpenApiOperations.Operation::key).toList());
        Set<String> missing = new TreeSet<>(documented);
        missing.removeAll(ALLOWED.keySet());
        Set<String> gone = new TreeSet<>(ALLOWED.keySet());
        gone.removeAll(documented);
        assertEquals(Set.of(), missing, "operations of /openapi without an entry in ALLOWED: decide who may call them");
        assertEquals(Set.of(), gone, "entries of ALLOWED that /openapi no longer has");
    }

    @Test
    void everyOperationTimesEveryCaller() {
        List<String> wrong = new ArrayList<>();
        int requests = 0;
        for (OpenApiOperations.Operation operation : operations) {
            Set<String> allowed = ALLOWED.getOrDefault(operation.key(), Set.of());
            for (Map.Entry<String, String> caller : NOT_KEYS.entrySet()) {
                Api.Reply reply = call(operation, caller.getValue());
                requests++;
                String problem = refusal(reply, 401);
                if (problem == null && !"Bearer realm=\"promptwatch\"".equals(reply.header("WWW-Authenticate"))) {
                    problem = "no WWW-Authenticate challenge";
                }
                if (problem != null) {
                    wrong.add(operation.key() + " with " + caller.getKey() + ": " + problem + ": " + reply);
                }
            }
            for (Map.Entry<String, String> role : ROLES.entrySet()) {
                Api.Reply reply = call(operation, "Bearer " + role.getValue());
                requests++;
                if (allowed.contains(role.getKey())) {
                    if (reply.status() == 401 || reply.status() == 403) {
                        wrong.add(operation.key() + " as " + role.getKey() + " was refused: " + reply);
                    }
                } else {
                    String problem = refusal(reply, 403);
                    if (problem != null) {
                        wrong.add(operation.key() + " as " + role.getKey() + ": " + problem + ": " + reply);
                    }
                }
            }
        }
        System.out.printf("OpenApiRoleMatrixIT: %d operations x %d callers = %d requests, %d wrong%n", operations.size(),
                NOT_KEYS.size() + ROLES.size(), requests, wrong.size());
        assertEquals(List.of(), wrong);
    }

    /** /metrics is open unless the server was provisioned to protect it (EarSmokeIT checks both ways). */
    @Test
    void healthMetricsAndTheDocumentAreOpen() {
        for (String path : List.of("/health", "/health/ready", "/health/live", "/openapi")) {
            Api.Reply reply = Api.anonymous().get(path);
            assertEquals(200, reply.status(), () -> path + ": " + reply);
        }
        Api.Reply metrics = Api.metrics(null, null);
        assertEquals(Api.METRICS_SECURED ? 401 : 200, metrics.status(), metrics::toString);
    }

    @Test
    void aListingOfKeysNeverShowsSecrets() {
        List<JsonObject> listed = Api.admin().get("/api/v1/keys").array().stream().map(k -> k.asJsonObject()).toList();
        assertTrue(listed.size() >= ROLES.size(), listed::toString);
        assertTrue(listed.stream().noneMatch(k -> k.containsKey("key")), "a listing shows a secret");
    }

    /** The operation with every path value "none", no query and an empty object as body where it takes one. */
    private static Api.Reply call(OpenApiOperations.Operation operation, String authorization) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json, application/problem+json");
        headers.put("Content-Type", "application/json");
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        boolean body = operation.body() || List.of("POST", "PUT", "PATCH").contains(operation.method());
        return Api.exchange(operation.method(), operation.path(name -> "none"), headers, body ? "{}" : null);
    }

    /** Why {@code reply} is not a refusal with {@code status} that tells nothing of the resource, or null. */
    private static String refusal(Api.Reply reply, int status) {
        if (reply.status() != status) {
            return "expected " + status;
        }
        if (!reply.contentType().startsWith("application/problem+json")) {
            return "not problem+json";
        }
        try (var reader = Json.createReader(new StringReader(reply.body()))) {
            JsonObject problem = reader.readObject();
            if (problem.getInt("status", -1) != status || problem.getString("title", "").isBlank()) {
                return "a problem without its status or title";
            }
            if (!PROBLEM_FIELDS.containsAll(problem.keySet())) {
                return "a refusal with more than a problem's fields";
            }
            return null;
        } catch (RuntimeException e) {
            return "a problem that is not a JSON object";
        }
    }
}
