package io.promptwatch.it;

import static io.promptwatch.it.Fixtures.expect;
import static io.promptwatch.it.Fixtures.record;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Everything accepted before a crash is there after the restart: registry, records, keys. The
 * server process is killed (SIGKILL, no shutdown hooks), so only what Derby committed durably
 * can come back.
 */
@ExtendWith(ArquillianExtension.class)
class RestartIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Api.ear();
    }

    @Test
    void acceptedDataSurvivesACrashAndRestart() {
        String viewerKey = Api.newKey("viewer");
        Api ingest = Api.as(Api.newKey("ingest"));
        String prompt = Fixtures.activePrompt(Api.as(Api.newKey("operator")), null);
        List<String> ids = new ArrayList<>();
        JsonArrayBuilder batch = Json.createArrayBuilder();
        for (int i = 0; i < 50; i++) {
            String id = Api.unique("durable");
            ids.add(id);
            batch.add(record(id, prompt, Instant.now()));
        }
        expect(200, ingest.post("/api/v1/executions/batch", batch.build().toString()));

        Server.crashAndRestart(viewerKey, "/api/v1/prompts/" + prompt);

        Api viewer = Api.as(viewerKey);
        assertEquals("1.0.0", viewer.get("/api/v1/prompts/" + prompt + "/active").object().getString("version"));
        for (String id : ids) {
            expect(200, viewer.get("/api/v1/executions/" + id));
        }
        assertEquals(50, viewer.get("/api/v1/executions?promptId=" + prompt + "&limit=100").object().getJsonArray("items").size());
        expect(200, Api.admin().get("/api/v1/keys"));
    }
}
