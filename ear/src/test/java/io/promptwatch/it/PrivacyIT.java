package io.promptwatch.it;

import static io.promptwatch.it.Fixtures.expect;
import static io.promptwatch.it.Fixtures.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Privacy modes end to end. A canary sent in hash mode must be found neither through the API nor
 * in any file of the database (Derby's files, or the PostgreSQL cluster's with its write-ahead log) or
 * the server log; the same search finds a canary sent in raw
 * mode, which shows that the search can see stored text at all.
 */
@ExtendWith(ArquillianExtension.class)
class PrivacyIT {

    private static final Path DATABASE = Server.DATABASE;
    private static final Path SERVER_LOG = Path.of(System.getProperty("payara.home"), "glassfish/domains/domain1/logs/server.log");

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Api.ear();
    }

    private final Api operator = Api.as(Api.newKey("operator"));
    private final Api ingest = Api.as(Api.newKey("ingest"));
    private final Api viewer = Api.as(Api.newKey("viewer"));

    @Test
    void hashModeKeepsOnlyTheDigestAndTheTextNeverReachesDiskOrLog() throws Exception {
        String hashed = Fixtures.activePrompt(operator, null);
        String raw = Fixtures.activePrompt(operator, "raw");
        String secret = "CANARY-HASH-" + UUID.randomUUID();
        String visible = "CANARY-RAW-" + UUID.randomUUID();

        String id = Api.unique("priv");
        expect(201, ingest.post("/api/v1/executions", record(id, hashed, Instant.now())
                .add("input", "question " + secret).add("output", "answer " + secret).build().toString()));
        String rawId = Api.unique("raw");
        expect(201, ingest.post("/api/v1/executions", record(rawId, raw, Instant.now())
                .add("input", "question " + visible).build().toString()));

        JsonObject stored = viewer.get("/api/v1/executions/" + id).object();
        assertEquals("hash", stored.getString("privacyMode"));
        assertEquals(sha256("question " + secret), stored.getString("inputHash"));
        assertEquals(sha256("answer " + secret), stored.getString("outputHash"));
        assertNull(stored.get("input"));
        assertNull(stored.get("output"));
        assertFalse(viewer.get("/api/v1/executions/" + id).body().contains(secret));
        assertFalse(viewer.get("/api/v1/executions?promptId=" + hashed).body().contains(secret));

        assertEquals("question " + visible, viewer.get("/api/v1/executions/" + rawId).object().getString("input"));
        Server.writeDatabaseFiles();
        assertTrue(foundInFiles(DATABASE, visible), "the raw canary must be on disk, or this search proves nothing");
        assertFalse(foundInFiles(DATABASE, secret), "hash-mode text reached the database files");
        assertFalse(foundInFiles(SERVER_LOG, secret), "hash-mode text reached the server log");
    }

    @Test
    void redactModeReplacesPersonalDataAndSecrets() {
        String prompt = Fixtures.activePrompt(operator, "redact");
        String id = Api.unique("red");
        expect(201, ingest.post("/api/v1/executions", record(id, prompt, Instant.now())
                .add("input", "Mail jane.doe@example.com or call +1 415-555-0132 from 10.0.0.7, SSN 123-45-6789")
                .add("output", "Card 4111 1111 1111 1111 noted")
                .add("metadata", Json.createObjectBuilder().add("api_key", "sk-live-123").add("region", "eu-west-1")
                        .add("auth", Json.createObjectBuilder().add("password", "hunter2")))
                .build().toString()));
        JsonObject stored = viewer.get("/api/v1/executions/" + id).object();
        assertEquals("redact", stored.getString("privacyMode"));
        String input = stored.getString("input");
        for (String leaked : List.of("jane.doe@example.com", "415-555-0132", "10.0.0.7", "123-45-6789")) {
            assertFalse(input.contains(leaked), () -> leaked + " survived: " + input);
        }
        assertTrue(input.contains("[EMAIL]") && input.contains("[PHONE]") && input.contains("[IP_ADDRESS]")
                && input.contains("[SSN]"), input);
        assertEquals("Card [CREDIT_CARD] noted", stored.getString("output"));
        JsonObject metadata = stored.getJsonObject("metadata");
        assertEquals("[REDACTED]", metadata.getString("api_key"));
        assertEquals("[REDACTED]", metadata.getJsonObject("auth").getString("password"));
        assertEquals("eu-west-1", metadata.getString("region"));
    }

    private static boolean foundInFiles(Path root, String text) throws IOException {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (indexOf(Files.readAllBytes(file), needle) >= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
