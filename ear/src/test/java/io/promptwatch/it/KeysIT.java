package io.promptwatch.it;

import static io.promptwatch.it.Fixtures.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.time.Instant;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The key lifecycle against the real server: expiry (cache included), rotation with its grace
 * period, lastUsedAt written from memory (every second on the test server), and per-key rate limits
 * answered with 429 problem+json, Retry-After and a refusal counter on /metrics.
 */
@ExtendWith(ArquillianExtension.class)
class KeysIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Api.ear();
    }

    private static JsonObject issue(JsonObjectBuilder body) {
        return expect(201, Api.admin().post("/api/v1/keys", body.build().toString())).object();
    }

    private static JsonObjectBuilder key(String name, String role) {
        return Json.createObjectBuilder().add("name", name).add("roles", Json.createArrayBuilder().add(role));
    }

    private static JsonObject rotate(String id, String body) {
        return expect(200, Api.admin().post("/api/v1/keys/" + id + "/rotate", body)).object();
    }

    /** A key that has read once, so that it is in the server's key cache. */
    private static JsonObject cachedViewerKey(String name) {
        JsonObject issued = issue(key(Api.unique(name), "viewer"));
        expect(200, Api.as(issued.getString("key")).get("/api/v1/prompts"));
        return issued;
    }

    private static JsonObject listed(String id) {
        return Api.admin().get("/api/v1/keys").array().stream().map(v -> v.asJsonObject())
                .filter(k -> k.getString("id").equals(id)).findFirst().orElseThrow();
    }

    /**
     * Every role may ask who it is and gets its effective roles: admin implies all four and operator implies
     * viewer (Role.implied); the id and name are the issued key's, validUntil its expiry (null: none).
     */
    @Test
    void aKeyTellsItsOwnNameAndEffectiveRoles() {
        Instant expiry = Instant.now().plus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        java.util.Map<String, java.util.List<String>> expected = java.util.Map.of(
                "ingest", java.util.List.of("ingest"),
                "viewer", java.util.List.of("viewer"),
                "operator", java.util.List.of("viewer", "operator"),
                "admin", java.util.List.of("ingest", "viewer", "operator", "admin"));
        expected.forEach((role, roles) -> {
            JsonObject issued = issue(key(Api.unique("me-" + role), role).add("expiresAt", expiry.toString()));
            JsonObject me = expect(200, Api.as(issued.getString("key")).get("/api/v1/keys/me")).object();
            assertEquals(issued.getString("id"), me.getString("id"));
            assertEquals(issued.getString("name"), me.getString("name"));
            assertEquals(roles, me.getJsonArray("roles").getValuesAs(jakarta.json.JsonString::getString), role);
            assertEquals(expiry, Instant.parse(me.getString("validUntil")), role);
            assertFalse(me.containsKey("key"), "the answer never repeats the secret");
        });
        JsonObject unlimited = expect(200, Api.admin().get("/api/v1/keys/me")).object();
        assertFalse(unlimited.containsKey("validUntil") && !unlimited.isNull("validUntil"), unlimited::toString);
        RegistryIT.assertProblem(Api.as("pw_not-a-key-at-all-0000000000").get("/api/v1/keys/me"), 401, "Authorization");
    }

    @Test
    void anExpiredKeyIsRefusedLikeARevokedOne() {
        Instant expiry = Instant.now().plusSeconds(3);
        JsonObject issued = issue(key(Api.unique("expiring"), "viewer").add("expiresAt", expiry.toString()));
        assertEquals(expiry, Instant.parse(issued.getString("expiresAt")));
        Api viewer = Api.as(issued.getString("key"));
        // The first request caches the key; the cache must still stop at the expiry.
        expect(200, viewer.get("/api/v1/prompts"));
        Server.await(Duration.ofSeconds(15), "the expired key refused", () -> viewer.get("/api/v1/prompts").status() == 401);
        Api.Reply refused = viewer.get("/api/v1/prompts");
        assertEquals(401, refused.status(), refused::toString);
        assertTrue(refused.contentType().startsWith("application/problem+json"), refused::toString);
        assertTrue(Instant.now().isAfter(expiry));
        // An expired key cannot be rotated back to life.
        Api.Reply rotate = Api.admin().post("/api/v1/keys/" + issued.getString("id") + "/rotate", null);
        assertEquals(409, rotate.status(), rotate::toString);
    }

    @Test
    void expiresAtMustBeAnInstantInTheFuture() {
        for (String expiresAt : new String[] {Instant.now().minusSeconds(60).toString(), "tomorrow"}) {
            Api.Reply reply = Api.admin().post("/api/v1/keys", key("late", "viewer").add("expiresAt", expiresAt).build().toString());
            assertEquals(400, reply.status(), reply::toString);
            assertTrue(reply.contentType().startsWith("application/problem+json"), reply::toString);
            assertEquals("expiresAt", reply.object().getString("field"), reply::toString);
        }
    }

    @Test
    void aRotatedSecretWorksThroughItsGraceOnlyAndTheNewOneAtOnce() {
        JsonObject issued = cachedViewerKey("rotating");
        String id = issued.getString("id");
        Api old = Api.as(issued.getString("key"));
        JsonObject rotated = rotate(id, "{\"graceSeconds\":3}");
        assertEquals(id, rotated.getString("id"));
        assertNotEquals(issued.getString("key"), rotated.getString("key"));
        assertNotNull(rotated.getString("rotatedAt"));
        Instant graceEnd = Instant.parse(rotated.getString("previousKeyValidUntil"));
        Api fresh = Api.as(rotated.getString("key"));
        expect(200, fresh.get("/api/v1/prompts"));
        expect(200, old.get("/api/v1/prompts"));

        Server.await(Duration.ofSeconds(15), "the old secret refused after its grace", () -> old.get("/api/v1/prompts").status() == 401);
        assertTrue(Instant.now().isAfter(graceEnd));
        expect(200, fresh.get("/api/v1/prompts"));

        JsonObject listing = listed(id);
        assertFalse(listing.containsKey("key"), "a listing never shows secrets: " + listing);
        assertEquals(rotated.getString("previousKeyValidUntil"), listing.getString("previousKeyValidUntil"));
    }

    @Test
    void theDefaultGraceKeepsTheOldSecretWorkingAndRotatingAgainEndsIt() {
        JsonObject issued = cachedViewerKey("rotating");
        String id = issued.getString("id");
        Api first = Api.as(issued.getString("key"));
        JsonObject second = rotate(id, null);
        assertTrue(Instant.parse(second.getString("previousKeyValidUntil")).isAfter(Instant.now().plus(Duration.ofHours(23))));
        expect(200, first.get("/api/v1/prompts"));
        expect(200, Api.as(second.getString("key")).get("/api/v1/prompts"));

        JsonObject third = rotate(id, null);
        expect(401, first.get("/api/v1/prompts"));
        expect(200, Api.as(second.getString("key")).get("/api/v1/prompts"));
        expect(200, Api.as(third.getString("key")).get("/api/v1/prompts"));
    }

    @Test
    void rotationRefusesARevokedKeyAnUnknownOneAndTooLongAGrace() {
        JsonObject issued = issue(key(Api.unique("revoked"), "viewer"));
        String id = issued.getString("id");
        Api.Reply tooLong = Api.admin().post("/api/v1/keys/" + id + "/rotate", "{\"graceSeconds\":86401}");
        assertEquals(400, tooLong.status(), tooLong::toString);
        assertEquals("graceSeconds", tooLong.object().getString("field"));

        expect(200, Api.admin().delete("/api/v1/keys/" + id));
        Api.Reply revoked = Api.admin().post("/api/v1/keys/" + id + "/rotate", null);
        assertEquals(409, revoked.status(), revoked::toString);
        assertTrue(revoked.contentType().startsWith("application/problem+json"), revoked::toString);
        assertFalse(revoked.body().contains("\"key\""), revoked::toString);
        expect(401, Api.as(issued.getString("key")).get("/api/v1/prompts"));

        Api.Reply unknown = Api.admin().post("/api/v1/keys/no-such-key/rotate", null);
        assertEquals(404, unknown.status(), unknown::toString);
    }

    @Test
    void lastUsedAtAppearsInTheListAfterUse() {
        JsonObject issued = issue(key(Api.unique("used"), "viewer"));
        String id = issued.getString("id");
        assertFalse(listed(id).containsKey("lastUsedAt"), () -> listed(id).toString());
        Instant before = Instant.now().minusSeconds(1);
        expect(200, Api.as(issued.getString("key")).get("/api/v1/prompts"));
        Server.await(Duration.ofSeconds(20), "lastUsedAt written", () -> listed(id).containsKey("lastUsedAt"));
        assertTrue(Instant.parse(listed(id).getString("lastUsedAt")).isAfter(before), () -> listed(id).toString());
    }

    @Test
    void aKeyOverItsOwnLimitGets429WithRetryAfterAndIsCounted() {
        String name = Api.unique("limited");
        JsonObject issued = issue(key(name, "ingest").add("rateLimits", Json.createObjectBuilder()
                .add("ingest", Json.createObjectBuilder().add("perSecond", 1).add("burst", 2))));
        assertEquals(1, issued.getJsonObject("rateLimits").getJsonObject("ingest").getInt("perSecond"));
        assertEquals(2, listed(issued.getString("id")).getJsonObject("rateLimits").getJsonObject("ingest").getInt("burst"));
        String prompt = Fixtures.activePrompt(Api.as(Api.newKey("operator")), null);
        Api ingest = Api.as(issued.getString("key"));

        Api.Reply refused = null;
        for (int i = 0; i < 10 && refused == null; i++) {
            Api.Reply reply = ingest.post("/api/v1/executions",
                    Fixtures.record(Api.unique("rl"), prompt, Instant.now()).build().toString());
            if (reply.status() == 429) {
                refused = reply;
            } else {
                assertEquals(201, reply.status(), reply::toString);
            }
        }
        assertNotNull(refused, "ten requests in a row never met a limit of 1/s with bursts of 2");
        Api.Reply tooMany = refused;
        assertTrue(tooMany.contentType().startsWith("application/problem+json"), tooMany::toString);
        assertTrue(Long.parseLong(tooMany.header("Retry-After")) >= 1, tooMany::toString);
        JsonObject problem = tooMany.object();
        assertEquals(429, problem.getInt("status"));
        assertTrue(problem.getString("detail").contains("rateLimits.ingest"), tooMany::toString);
        assertTrue(!problem.containsKey("field") || problem.isNull("field"), tooMany::toString);

        // Another key of the same roles is not held back by this one's bucket.
        expect(201, Api.as(Api.newKey("ingest")).post("/api/v1/executions",
                Fixtures.record(Api.unique("rl"), prompt, Instant.now()).build().toString()));

        String counter = Api.metrics().body().lines()
                .filter(l -> l.startsWith("promptwatch_rate_limit_refusals_total") && l.contains("key=\"" + name + "\""))
                .findFirst().orElseThrow(() -> new AssertionError("no promptwatch_rate_limit_refusals_total for " + name));
        assertTrue(counter.contains("request_class=\"ingest\""), counter);
        assertTrue(Double.parseDouble(counter.substring(counter.lastIndexOf(' ') + 1)) >= 1, counter);

        // The bucket refills: after Retry-After the key may send again.
        Server.await(Duration.ofSeconds(10), "the key admitted again", () -> ingest.post("/api/v1/executions",
                Fixtures.record(Api.unique("rl"), prompt, Instant.now()).build().toString()).status() == 201);
    }

    @Test
    void analysisHasItsOwnLimit() {
        JsonObject issued = issue(key(Api.unique("analyst"), "viewer").add("rateLimits", Json.createObjectBuilder()
                .add("analysis", Json.createObjectBuilder().add("perSecond", 1))));
        assertEquals(1, issued.getJsonObject("rateLimits").getJsonObject("analysis").getInt("burst"), issued::toString);
        Api viewer = Api.as(issued.getString("key"));
        String adjust = "{\"pValues\":[0.01,0.04]}";
        int limited = 0;
        for (int i = 0; i < 5; i++) {
            int status = viewer.post("/api/v1/analysis/adjust", adjust).status();
            assertTrue(status == 200 || status == 429, "status " + status);
            limited += status == 429 ? 1 : 0;
        }
        assertTrue(limited >= 1, "five analyses in a row never met a limit of 1/s");
        // Reading is not an analysis: the limit does not touch it.
        for (int i = 0; i < 5; i++) {
            expect(200, viewer.get("/api/v1/prompts"));
        }
    }

    @Test
    void ownLimitsAreCheckedByField() {
        String[][] cases = {
            {"{\"bulk\":{\"perSecond\":1}}", "rateLimits.bulk"},
            {"{\"ingest\":{\"burst\":5}}", "rateLimits.ingest.perSecond"},
            {"{\"ingest\":{\"perSecond\":0}}", "rateLimits.ingest.perSecond"},
            {"{\"analysis\":{\"perSecond\":5,\"burst\":0}}", "rateLimits.analysis.burst"},
        };
        for (String[] c : cases) {
            Api.Reply reply = Api.admin().post("/api/v1/keys",
                    "{\"name\":\"x\",\"roles\":[\"ingest\"],\"rateLimits\":" + c[0] + "}");
            assertEquals(400, reply.status(), reply::toString);
            assertEquals(c[1], reply.object().getString("field"), reply::toString);
        }
    }
}
