package io.promptwatch.it;

import static io.promptwatch.it.Fixtures.expect;
import static io.promptwatch.it.Fixtures.record;
import static io.promptwatch.it.RegistryIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Single and batch ingest, idempotency, rejection without trace, reading back, later feedback. */
@ExtendWith(ArquillianExtension.class)
class IngestIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Api.ear();
    }

    private final Api ingest = Api.as(Api.newKey("ingest"));
    private final Api viewer = Api.as(Api.newKey("viewer"));
    private String promptId;

    @BeforeEach
    void prompt() {
        promptId = Fixtures.activePrompt(Api.as(Api.newKey("operator")), null);
    }

    @Test
    void singleRecordIsAcceptedOnceThenReportedAsDuplicate() {
        String id = Api.unique("exec");
        String body = record(id, promptId, Instant.now().minusSeconds(5)).build().toString();
        Api.Reply first = ingest.post("/api/v1/executions", body);
        assertEquals(201, first.status(), first::toString);
        assertEquals("accepted", first.object().getString("status"));
        assertTrue(first.header("Location").endsWith("/api/v1/executions/" + id));

        String changed = record(id, promptId, Instant.now()).add("model", "other-model").build().toString();
        Api.Reply second = ingest.post("/api/v1/executions", changed);
        assertEquals(200, second.status(), second::toString);
        assertEquals("duplicate", second.object().getString("status"));

        JsonObject stored = viewer.get("/api/v1/executions/" + id).object();
        assertEquals("gpt-4o-mini", stored.getString("model"), "a duplicate changes nothing");
        assertEquals(168, stored.getInt("totalTokens"), "total derived from input + output");
        assertEquals(0.87, stored.getJsonNumber("qualityScore").doubleValue());
        assertEquals(List.of("eu", "beta"), stored.getJsonArray("tags").getValuesAs(v -> ((jakarta.json.JsonString) v).getString()));
        assertEquals("eu-west-1", stored.getJsonObject("metadata").getString("region"));
    }

    /**
     * What a CSV load must carry through unchanged (batch ingest on PostgreSQL loads rows with COPY):
     * its quote and delimiter, both line ends, a backslash, COPY's own end marker and NULL spelling, a
     * surrogate pair, an empty text beside a value left out, doubles in every notation and an instant
     * to the microsecond.
     */
    @Test
    void everyValueComesBackExactlyAsSent() {
        String awkward = "say \"hi\", then\r\nleave \\N\n\\.\n\uD83D\uDE00 done";
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(30).plusNanos(123_456_000);
        String id = Api.unique("text");
        JsonObject sent = record(id, promptId, at)
                .add("success", false).add("errorType", "").add("errorMessage", awkward).add("conditionalPath", ",")
                .add("latencyMs", 0.1).add("cost", 1.0E-7).add("qualityScore", 1.0 / 3).add("discriminationScore", -2.5E10)
                .remove("temperature").remove("domain")
                .add("tags", Json.createArrayBuilder().add("a,b").add("\"q\""))
                .add("metadata", Json.createObjectBuilder().add("note", awkward))
                .build();
        // two records in one request: the second a plain one, so that the awkward one's line ends are not the load's
        Api.Reply reply = ingest.post("/api/v1/executions/batch", Json.createArrayBuilder().add(sent)
                .add(record(Api.unique("plain"), promptId, at)).build().toString());
        assertEquals(200, reply.status(), reply::toString);

        JsonObject stored = viewer.get("/api/v1/executions/" + id).object();
        assertEquals(awkward, stored.getString("errorMessage"));
        assertEquals("", stored.getString("errorType"), "an empty text stays empty");
        assertEquals(",", stored.getString("conditionalPath"));
        assertNull(stored.get("domain"), "a value left out stays out");
        assertNull(stored.get("temperature"));
        assertEquals(at, Instant.parse(stored.getString("timestamp")));
        assertEquals(0.1, stored.getJsonNumber("latencyMs").doubleValue());
        assertEquals(1.0E-7, stored.getJsonNumber("cost").doubleValue());
        assertEquals(1.0 / 3, stored.getJsonNumber("qualityScore").doubleValue());
        assertEquals(-2.5E10, stored.getJsonNumber("discriminationScore").doubleValue());
        assertFalse(stored.getBoolean("success"));
        assertEquals(sent.getJsonArray("tags"), stored.getJsonArray("tags"));
        assertEquals(awkward, stored.getJsonObject("metadata").getString("note"));
    }

    /** PostgreSQL's text cannot hold U+0000; refused on both databases, it cannot fail the group commit it would join. */
    @Test
    void aNulCharacterIsRefusedByItsField() {
        JsonObject record = record(Api.unique("nul"), promptId, Instant.now()).add("errorMessage", "a\u0000b").build();
        String neighbour = Api.unique("beside");
        Api.Reply reply = ingest.post("/api/v1/executions/batch", Json.createArrayBuilder()
                .add(record(neighbour, promptId, Instant.now())).add(record).build().toString());
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(List.of("accepted", "rejected"), reply.array().stream().map(r -> r.asJsonObject().getString("status")).toList());
        assertEquals("errorMessage", reply.array().getJsonObject(1).getJsonArray("errors").getJsonObject(0).getString("field"));
        expect(200, viewer.get("/api/v1/executions/" + neighbour));
        assertProblem(ingest.post("/api/v1/executions", record.toString()), 400, "errorMessage");
    }

    @Test
    void invalidRecordsAreRefusedWithTheFieldAndLeaveNoTrace() {
        String id = Api.unique("bad");
        Api.Reply invalid = ingest.post("/api/v1/executions",
                record(id, promptId, Instant.now()).add("qualityScore", 1.7).add("userFeedback", 9).build().toString());
        assertProblem(invalid, 400, "userFeedback");
        JsonArray errors = invalid.object().getJsonArray("errors");
        Set<String> fields = new HashSet<>();
        errors.forEach(e -> fields.add(e.asJsonObject().getString("field")));
        assertEquals(Set.of("qualityScore", "userFeedback"), fields);
        assertProblem(viewer.get("/api/v1/executions/" + id), 404, null);

        Api.Reply unknownPrompt = ingest.post("/api/v1/executions", record(id, Api.unique("nope"), Instant.now()).build().toString());
        assertProblem(unknownPrompt, 422, "promptId");
        Api.Reply unknownVersion = ingest.post("/api/v1/executions",
                record(id, promptId, Instant.now()).add("version", "7.0.0").build().toString());
        assertProblem(unknownVersion, 422, "version");
        assertProblem(ingest.post("/api/v1/executions", "{not json"), 400, "body");
        assertProblem(viewer.get("/api/v1/executions/" + id), 404, null);
    }

    @Test
    void omittedVersionMeansTheActiveVersionAtIngestTime() {
        String id = Api.unique("nov");
        expect(201, ingest.post("/api/v1/executions", record(id, promptId, Instant.now()).remove("version").build().toString()));
        assertEquals("1.0.0", viewer.get("/api/v1/executions/" + id).object().getString("version"));
    }

    @Test
    void batchAnswersPerRecordInOrderAndStoresOnlyTheValidOnes() {
        String existing = Api.unique("old");
        expect(201, ingest.post("/api/v1/executions", record(existing, promptId, Instant.now()).build().toString()));
        String a = Api.unique("a");
        String b = Api.unique("b");
        String bad = Api.unique("bad");
        JsonArray batch = Json.createArrayBuilder()
                .add(record(a, promptId, Instant.now()))
                .add(record(bad, promptId, Instant.now()).add("latencyMs", "slow"))
                .add(record(existing, promptId, Instant.now()))
                .add(record(b, promptId, Instant.now()))
                .add(record(a, promptId, Instant.now()))
                .add("not an object")
                .build();
        Api.Reply reply = ingest.post("/api/v1/executions/batch", batch.toString());
        assertEquals(200, reply.status(), reply::toString);
        List<String> statuses = reply.array().stream().map(r -> r.asJsonObject().getString("status")).toList();
        assertEquals(List.of("accepted", "rejected", "duplicate", "accepted", "duplicate", "rejected"), statuses);
        JsonObject rejected = reply.array().getJsonObject(1);
        assertEquals(bad, rejected.getString("executionId"));
        assertEquals("latencyMs", rejected.getJsonArray("errors").getJsonObject(0).getString("field"));

        expect(200, viewer.get("/api/v1/executions/" + a));
        expect(200, viewer.get("/api/v1/executions/" + b));
        assertProblem(viewer.get("/api/v1/executions/" + bad), 404, null);
    }

    @Test
    void batchesAreBoundedInCount() {
        JsonArrayBuilder tooMany = Json.createArrayBuilder();
        for (int i = 0; i < 1001; i++) {
            tooMany.add(Json.createObjectBuilder().add("executionId", "x" + i));
        }
        assertProblem(ingest.post("/api/v1/executions/batch", tooMany.build().toString()), 413, null);
        assertProblem(ingest.post("/api/v1/executions/batch", "{}"), 400, "body");
    }

    @Test
    void deeplyNestedBodiesAreRefusedAsTheClientsFault() {
        // 5,000 levels overflow Parsson's own default limit (1,000), 65 only the setting (64).
        for (int depth : new int[] {65, 5_000}) {
            String nested = "[".repeat(depth) + "]".repeat(depth);
            assertProblem(ingest.post("/api/v1/executions/batch", nested), 400, "body");
            String inMetadata = "[{\"executionId\":\"" + Api.unique("deep") + "\",\"promptId\":\"" + promptId
                    + "\",\"model\":\"m\",\"success\":true,\"metadata\":" + "{\"a\":".repeat(depth) + "1"
                    + "}".repeat(depth) + "}]";
            assertProblem(ingest.post("/api/v1/executions/batch", inMetadata), 400, "body");
            assertProblem(ingest.post("/api/v1/executions", nested), 400, "body");
        }
        String shallow = "[{\"executionId\":\"" + Api.unique("shallow") + "\",\"promptId\":\"" + promptId
                + "\",\"model\":\"m\",\"success\":true,\"metadata\":" + "{\"a\":".repeat(10) + "1" + "}".repeat(10) + "}]";
        Api.Reply accepted = ingest.post("/api/v1/executions/batch", shallow);
        assertEquals(200, accepted.status(), accepted::toString);
        assertEquals("accepted", accepted.array().getJsonObject(0).getString("status"), accepted::toString);
    }

    @Test
    void listingIsNewestFirstWithKeysetPagesAndFilters() {
        Instant start = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        JsonArrayBuilder batch = Json.createArrayBuilder();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = Api.unique("page" + i);
            ids.add(id);
            batch.add(record(id, promptId, start.plusSeconds(i)).add("model", i % 2 == 0 ? "even" : "odd")
                    .add("success", i != 3));
        }
        expect(200, ingest.post("/api/v1/executions/batch", batch.build().toString()));

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Api.Reply page = viewer.get("/api/v1/executions?promptId=" + promptId + "&limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            assertEquals(200, page.status(), page::toString);
            page.object().getJsonArray("items").forEach(item -> seen.add(item.asJsonObject().getString("executionId")));
            cursor = page.object().getString("nextCursor", null);
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(3, pages);
        assertEquals(List.of(ids.get(4), ids.get(3), ids.get(2), ids.get(1), ids.get(0)), seen);

        JsonArray odd = viewer.get("/api/v1/executions?promptId=" + promptId + "&model=odd").object().getJsonArray("items");
        assertEquals(2, odd.size());
        JsonArray failed = viewer.get("/api/v1/executions?promptId=" + promptId + "&success=false").object().getJsonArray("items");
        assertEquals(List.of(ids.get(3)), failed.stream().map(v -> v.asJsonObject().getString("executionId")).toList());
        JsonArray window = viewer.get("/api/v1/executions?promptId=" + promptId + "&from=" + start.plusSeconds(1)
                + "&to=" + start.plusSeconds(3)).object().getJsonArray("items");
        assertEquals(2, window.size(), "from is inclusive, to exclusive");

        assertProblem(viewer.get("/api/v1/executions?limit=0"), 400, "limit");
        assertProblem(viewer.get("/api/v1/executions?cursor=garbage"), 400, "cursor");
        assertProblem(viewer.get("/api/v1/executions?from=yesterday"), 400, "from");
    }

    @Test
    void feedbackArrivesLater() {
        String id = Api.unique("fb");
        expect(201, ingest.post("/api/v1/executions", record(id, promptId, Instant.now()).remove("userFeedback").build().toString()));
        assertNull(viewer.get("/api/v1/executions/" + id).object().get("userFeedback"));
        Api.Reply given = ingest.put("/api/v1/executions/" + id + "/feedback", "{\"score\":2,\"comment\":\"too vague\"}");
        assertEquals(200, given.status(), given::toString);
        JsonObject stored = viewer.get("/api/v1/executions/" + id).object();
        assertEquals(2, stored.getInt("userFeedback"));
        assertEquals("too vague", stored.getString("feedbackComment"));
        assertTrue(stored.containsKey("feedbackAt"));
        assertProblem(ingest.put("/api/v1/executions/" + id + "/feedback", "{\"score\":6}"), 400, "score");
        assertProblem(ingest.put("/api/v1/executions/" + Api.unique("none") + "/feedback", "{\"score\":3}"), 404, null);
    }
}
