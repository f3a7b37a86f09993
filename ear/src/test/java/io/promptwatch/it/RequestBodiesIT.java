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
    @Test
    void aBodyThatIsNotAnObjectIsRefused() {
        Api operator = Api.as(Api.newKey("operator"));
        for (String body : List.of("\"a prompt\"", "true", "7", "[{\"id\":\"x\"}]", "null")) {
            assertProblem(operator.post("/api/v1/prompts", body), 400, null);
        }
    }

    @Test
    void aSyntaxErrorIsPlaced() {
        Api.Reply reply = Api.as(Api.newKey("operator")).post("/api/v1/prompts", "{\n\"id\": \"x\",\n\"name\": }");
        assertMalformed(reply);
        assertTrue(reply.object().getString("detail").contains("line 3, column 9"), reply::toString);
    }
}
