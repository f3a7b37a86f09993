package io.promptwatch.it;

import static io.promptwatch.it.RegistryIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A body that JSON-B cannot bind to a resource's record, for want of valid JSON or of the right
 * shape, is the client's fault: 400 on the body, without the server's class names.
 */
@ExtendWith(ArquillianExtension.class)
class RequestBodiesIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Api.ear();
    }

    private static void assertMalformed(Api.Reply reply) {
        assertProblem(reply, 400, "body");
        assertEquals("Malformed request body", reply.object().getString("title"), reply::toString);
        assertFalse(reply.object().getString("detail").contains("io.promptwatch"), reply::toString);
    }

    @Test
    void aBodyJsonBCannotBindIsTheClients() {
        Api operator = Api.as(Api.newKey("operator"));
        for (String body : List.of("{\"id\":\"x\",\"name\":\"y\",\"tags\":\"one\"}", "{\"id\":\"x\",\"name\":{\"first\":\"y\"}}",
                "{\"id\":", "{\"id\":\"x\",\"name\":\"y\"")) {
            assertMalformed(operator.post("/api/v1/prompts", body));
        }
        String prompt = Fixtures.activePrompt(operator, null);
        assertMalformed(operator.post("/api/v1/prompts/" + prompt + "/versions",
                "{\"version\":\"1.1.0\",\"text\":\"t\",\"explorationTrace\":\"not an object\"}"));
        assertMalformed(Api.admin().post("/api/v1/keys", "{\"name\":\"k\",\"roles\":\"viewer\"}"));
    }

    /** Yasson binds some of these to a record of nulls, which the resource then refuses field by field. */
    /**
     * PostgreSQL's text cannot hold U+0000; it answered such a prompt name with a 503 ("the database is not
     * answering"). Bodies JSON-B binds to records, those a resource binds itself and those read through
     * RequestObject alike refuse it naming the field, on both databases.
     */
    @Test
    void aNulCharacterInAStoredTextIsRefusedByItsField() {
        Api operator = Api.as(Api.newKey("operator"));
        String nul = "\"a\\u0000b\"";
        assertProblem(operator.post("/api/v1/prompts", "{\"id\":\"" + Api.unique("nul") + "\",\"name\":" + nul + "}"), 400, "name");
        assertProblem(operator.post("/api/v1/prompts", "{\"id\":\"" + Api.unique("nul") + "\",\"name\":\"n\",\"tags\":[\"a\"," + nul + "]}"),
                400, "tags[1]");
        String prompt = Fixtures.activePrompt(operator, null);
        assertProblem(operator.post("/api/v1/prompts/" + prompt + "/versions", "{\"version\":\"1.1.0\",\"text\":" + nul + "}"), 400, "text");
        assertProblem(operator.post("/api/v1/prompts/" + prompt + "/versions/1.0.0/deprecate", "{\"reason\":" + nul + "}"), 400, "reason");
        assertProblem(Api.admin().post("/api/v1/keys", "{\"name\":" + nul + ",\"roles\":[\"viewer\"]}"), 400, "name");
    }

    @Test
    void aBodyThatIsNotAnObjectIsRefused() {
        Api operator = Api.as(Api.newKey("operator"));
        for (String body : List.of("\"a prompt\"", "true", "7", "[{\"id\":\"x\"}]", "null")) {
            assertProblem(operator.post("/api/v1/prompts", body), 400, null);
        }
    }

    /**
     * promptwatch.api.max-body-bytes (1,048,576 bytes): a body of exactly that size is read (and then
     * refused for its 4,000-character description, on the field), one byte more is 413 before it is
     * parsed, whether its length is declared or it is streamed; ingest keeps its own, larger limit.
     */
    @Test
    void aBodyOverTheLimitIsRefusedBeforeItIsParsed() {
        Api operator = Api.as(Api.newKey("operator"));
        String id = Api.unique("big");
        String head = "{\"id\":\"" + id + "\",\"name\":\"n\",\"description\":\"";
        String atLimit = head + "d".repeat(1_048_576 - head.length() - 2) + "\"}";
        assertEquals(1_048_576, atLimit.length());
        assertProblem(operator.post("/api/v1/prompts", atLimit), 400, "description");
        assertProblem(operator.postChunked("/api/v1/prompts", atLimit), 400, "description");
        String overLimit = atLimit.replace("\"description\":\"", "\"description\":\"d");
        for (Api.Reply reply : List.of(operator.post("/api/v1/prompts", overLimit), operator.postChunked("/api/v1/prompts", overLimit),
                operator.postChunked("/api/v1/prompts/" + id + "/rollback", "{\"reason\":\"" + "r".repeat(1_048_576) + "\"}"))) {
            assertProblem(reply, 413, "body");
            assertEquals("the body is larger than 1048576 bytes (promptwatch.api.max-body-bytes)",
                    reply.object().getString("detail"), reply::toString);
        }
        assertProblem(operator.get("/api/v1/prompts/" + id), 404, null);

        // 300 records of 5,000-character inputs: a 1.6 MB batch, within promptwatch.ingest.batch.max-bytes.
        String prompt = Fixtures.activePrompt(operator, null);
        jakarta.json.JsonArrayBuilder batch = jakarta.json.Json.createArrayBuilder();
        for (int i = 0; i < 300; i++) {
            batch.add(Fixtures.record(Api.unique("big"), prompt, java.time.Instant.now()).add("input", "i".repeat(5_000)));
        }
        String body = batch.build().toString();
        assertTrue(body.length() > 1_048_576, () -> "the batch is only " + body.length() + " bytes");
        Api.Reply ingested = Api.as(Api.newKey("ingest")).post("/api/v1/executions/batch", body);
        assertEquals(200, ingested.status(), ingested::toString);
        assertTrue(ingested.array().stream().allMatch(r -> r.asJsonObject().getString("status").equals("accepted")), ingested::toString);
    }

    @Test
    void aSyntaxErrorIsPlaced() {
        Api.Reply reply = Api.as(Api.newKey("operator")).post("/api/v1/prompts", "{\n\"id\": \"x\",\n\"name\": }");
        assertMalformed(reply);
        assertTrue(reply.object().getString("detail").contains("line 3, column 9"), reply::toString);
    }
}
