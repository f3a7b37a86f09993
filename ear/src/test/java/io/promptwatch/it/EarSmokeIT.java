package io.promptwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The EAR deploys on the real server, migrates its Derby schema, and its surfaces answer. */
@ExtendWith(ArquillianExtension.class)
class EarSmokeIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Api.ear();
    }

    @Test
    void apiAnswersWithTheBootstrapAdminKey() {
        Api.Reply reply = Api.admin().get("/api/v1/prompts");
        assertEquals(200, reply.status(), reply::toString);
        assertTrue(reply.contentType().startsWith("application/json"), reply::toString);
    }

    /**
     * A client left at the JDK's defaults upgrades to HTTP/2 over cleartext (h2c) and is served on
     * it, bodies included ({@link Api} speaks HTTP/1.1; see there why).
     */
    @Test
    void clientAtTheJdkDefaultsIsServedOverH2c() throws IOException, InterruptedException {
        HttpClient h2c = HttpClient.newHttpClient();
        HttpResponse<String> read = h2c.send(authorized("/api/v1/prompts").GET().build(), HttpResponse.BodyHandlers.ofString());
        String prompt = "{\"id\":\"" + Api.unique("h2c") + "\",\"name\":\"Over h2c\"}";
        HttpResponse<String> write = h2c.send(authorized("/api/v1/prompts").POST(HttpRequest.BodyPublishers.ofString(prompt)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, read.statusCode(), read::body);
        assertEquals(201, write.statusCode(), write::body);
        assertEquals(HttpClient.Version.HTTP_2, write.version());
    }

    private static HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(URI.create(Api.BASE + path))
                .header("Authorization", "Bearer " + Api.ADMIN_KEY)
                .header("Content-Type", "application/json");
    }

    @Test
    void healthIsOpenAndReadyWithTheDatabase() {
        Api.Reply reply = Api.anonymous().get("/health/ready");
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("UP", reply.object().getString("status"));
        assertTrue(reply.body().contains("database"), reply::toString);
    }

    @Test
    void openApiDescribesTheEndpoints() {
        Api.Reply reply = Api.anonymous().get("/openapi");
        assertEquals(200, reply.status(), reply::toString);
        // The WAR's context root is /api (the "servers" entry), its JAX-RS application path /v1.
        assertTrue(reply.body().contains("localhost:18080/api\""), () -> "OpenAPI server is not .../api");
        for (String path : new String[] {"/v1/prompts/{id}/versions/{version}/deploy", "/v1/executions/batch", "/v1/keys"}) {
            assertTrue(reply.body().contains("\"" + path + "\""), () -> "OpenAPI lacks " + path);
        }
    }

    /**
     * As provisioned: open by default; with -Dserver.metrics.secured=true served over TLS only (plain
     * HTTP is redirected) and only to the build's file-realm user, not to the user mp/mp that Payara
     * creates when it turns the protection on.
     */
    @Test
    void metricsAreOpenOrProtectedAsProvisioned() throws IOException, InterruptedException {
        Api.Reply anonymous = Api.metrics(null, null);
        if (!Api.METRICS_SECURED) {
            assertEquals(200, anonymous.status(), anonymous::toString);
            return;
        }
        HttpResponse<String> plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(HttpRequest.newBuilder(URI.create(Api.BASE + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(302, plain.statusCode(), plain::body);
        assertTrue(plain.headers().firstValue("Location").orElse("").startsWith("https://"), plain.headers()::toString);
        assertEquals(401, anonymous.status(), anonymous::toString);
        assertEquals(401, Api.metrics("mp", "mp").status(), "Payara's default metrics user is removed");
        assertEquals(401, Api.metrics(Api.METRICS_USER, Api.METRICS_PASSWORD + "x").status(), "a wrong password");
        Api.Reply scraper = Api.metrics();
        assertEquals(200, scraper.status(), scraper::toString);
    }

    @Test
    void metricsIncludeIngestCountersTimerAndRollupLag() {
        Api.Reply reply = Api.metrics();
        assertEquals(200, reply.status(), reply::toString);
        for (String metric : new String[] {"promptwatch_ingest_records_total", "promptwatch_rollup_pending_records",
                "promptwatch_ingest_request_seconds"}) {
            assertTrue(reply.body().contains(metric), () -> "no " + metric + " in /metrics");
        }
    }
}
