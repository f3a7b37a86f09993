package io.promptwatch.tracking.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptwatch.registry.entity.PrivacyMode;
import io.promptwatch.tracking.control.ExecutionParser.Parsed;
import io.promptwatch.tracking.entity.Execution;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What of a parsed record survives each privacy mode, checked on the very fields that would be stored. */
class PrivacyFilterTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    /** A marker that must never reach the database in hash mode. */
    private static final String CANARY = "CANARY-q7Zx93";
    private static final String INPUT = "My name is Jane, mail jane.doe@example.com, phone +1 415-555-0132. " + CANARY + " input";
    private static final String OUTPUT = "Hello Jane, we will call 030 1234 5678 from 192.168.1.10. " + CANARY + " output";

    private final ExecutionParser parser = new ExecutionParser(new IngestLimits(1000, 1000, Duration.ofMinutes(5)));

    private Parsed parsed() {
        JsonObject record = Json.createObjectBuilder()
                .add("executionId", "exec-1")
                .add("promptId", "support-triage")
                .add("model", "gpt-4o-mini")
                .add("success", false)
                .add("errorType", "timeout")
                .add("errorMessage", "upstream timeout for jane.doe@example.com")
                .add("metadata", Json.createObjectBuilder()
                        .add("api_key", "sk-live-123")
                        .add("contact", "jane.doe@example.com")
                        .add("request", Json.createObjectBuilder().add("Authorization", "Bearer abc").add("attempt", 2))
                        .add("retries", 1))
                .add("input", INPUT)
                .add("output", OUTPUT)
                .build();
        Parsed parsed = parser.parse(record, NOW);
        assertEquals(List.of(), parsed.errors(), "setting up a valid record");
        return parsed;
    }

    @Test
    void hashModeStoresNoTextOnlyItsSha256() throws Exception {
        Execution.Fields f = PrivacyFilter.apply(parsed(), PrivacyMode.HASH);

        assertEquals(PrivacyMode.HASH, f.privacyMode);
        assertNull(f.inputText);
        assertNull(f.outputText);
        assertEquals(sha256(INPUT), f.inputHash);
        assertEquals(sha256(OUTPUT), f.outputHash);
    }

    @Test
    void hashModeLeavesNoTraceOfTheTextInAnyStoredField() throws Exception {
        Execution.Fields f = PrivacyFilter.apply(parsed(), PrivacyMode.HASH);

        List<String> leaks = fieldsContaining(f, CANARY);
        assertEquals(List.of(), leaks);
        assertTrue(stringFields().stream().map(Field::getName).toList().containsAll(
                List.of("inputText", "outputText", "metadata", "errorMessage", "inputHash", "outputHash", "userId", "tags")),
                "the scan must cover every stored text field");
    }

    @Test
    void theLeakScanFindsTheCanaryWhereItIsStored() throws Exception {
        Execution.Fields f = PrivacyFilter.apply(parsed(), PrivacyMode.RAW);

        assertEquals(List.of("inputText", "outputText"), fieldsContaining(f, CANARY));
    }

    @Test
    void hashModeStillRedactsMetadataAndErrorMessage() throws Exception {
        Execution.Fields f = PrivacyFilter.apply(parsed(), PrivacyMode.HASH);

        assertEquals(json("{\"api_key\":\"[REDACTED]\",\"contact\":\"[EMAIL]\","
                + "\"request\":{\"Authorization\":\"[REDACTED]\",\"attempt\":2},\"retries\":1}"), json(f.metadata));
        assertEquals("upstream timeout for [EMAIL]", f.errorMessage);
        assertEquals(List.of(), fieldsContaining(f, "jane.doe@example.com"));
        assertEquals(List.of(), fieldsContaining(f, "sk-live-123"));
    }

    @Test
    void hashModeWithoutTextsStoresNoHashes() {
        JsonObject record = Json.createObjectBuilder()
                .add("executionId", "exec-2").add("promptId", "p").add("model", "m").add("success", true).build();

        Execution.Fields f = PrivacyFilter.apply(parser.parse(record, NOW), PrivacyMode.HASH);

        assertNull(f.inputHash);
        assertNull(f.outputHash);
        assertNull(f.metadata);
    }

    @Test
    void redactModeReplacesPersonalDataInTheTexts() {
        Execution.Fields f = PrivacyFilter.apply(parsed(), PrivacyMode.REDACT);

        assertEquals(PrivacyMode.REDACT, f.privacyMode);
        assertEquals("My name is Jane, mail [EMAIL], phone [PHONE]. " + CANARY + " input", f.inputText);
        assertEquals("Hello Jane, we will call [PHONE] from [IP_ADDRESS]. " + CANARY + " output", f.outputText);
        assertEquals("upstream timeout for [EMAIL]", f.errorMessage);
        assertEquals(json("{\"api_key\":\"[REDACTED]\",\"contact\":\"[EMAIL]\","
                + "\"request\":{\"Authorization\":\"[REDACTED]\",\"attempt\":2},\"retries\":1}"), json(f.metadata));
    }

    @Test
    void redactModeLeavesNoPersonalDataInAnyStoredField() throws Exception {
        Execution.Fields f = PrivacyFilter.apply(parsed(), PrivacyMode.REDACT);

        for (String secret : List.of("jane.doe@example.com", "415-555-0132", "1234 5678", "192.168.1.10", "sk-live-123", "Bearer abc")) {
            assertEquals(List.of(), fieldsContaining(f, secret), secret);
        }
    }

    @Test
    void rawModeStoresEverythingAsGiven() throws Exception {
        Parsed parsed = parsed();

        Execution.Fields f = PrivacyFilter.apply(parsed, PrivacyMode.RAW);

        assertEquals(PrivacyMode.RAW, f.privacyMode);
        assertEquals(INPUT, f.inputText);
        assertEquals(OUTPUT, f.outputText);
        assertEquals("upstream timeout for jane.doe@example.com", f.errorMessage);
        assertEquals(parsed.metadata(), json(f.metadata));
        assertEquals(sha256(INPUT), f.inputHash);
        assertEquals(sha256(OUTPUT), f.outputHash);
    }

    @Test
    void leavesTheOtherFieldsAlone() {
        Execution.Fields f = PrivacyFilter.apply(parsed(), PrivacyMode.HASH);

        assertEquals("exec-1", f.executionId);
        assertEquals("support-triage", f.promptId);
        assertEquals("timeout", f.errorType);
        assertFalse(f.success);
    }

    /** SHA-256 computed here with the JDK, not with the production helper. */
    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Field> stringFields() {
        List<Field> fields = new ArrayList<>();
        for (Field field : Execution.Fields.class.getDeclaredFields()) {
            if (field.getType() == String.class && !Modifier.isStatic(field.getModifiers())) {
                fields.add(field);
            }
        }
        return fields;
    }

    private static List<String> fieldsContaining(Execution.Fields f, String needle) throws IllegalAccessException {
        List<String> names = new ArrayList<>();
        for (Field field : stringFields()) {
            String value = (String) field.get(f);
            if (value != null && value.contains(needle)) {
                names.add(field.getName());
            }
        }
        return names;
    }

    private static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    @Test
    void redactedErrorMessageStillFitsItsColumn() {
        // Each "1.1.1.1 " (8 characters) becomes "[IP_ADDRESS] " (13): 2000 characters grow to 3250.
        String message = "1.1.1.1 ".repeat(250);
        Parsed parsed = parser.parse(Json.createObjectBuilder().add("executionId", "e-long").add("promptId", "p")
                .add("model", "m").add("success", false).add("errorMessage", message).build(), NOW);
        assertTrue(parsed.valid(), parsed.errors()::toString);
        Execution.Fields f = PrivacyFilter.apply(parsed, PrivacyMode.REDACT);
        assertEquals(2000, f.errorMessage.length());
        assertTrue(f.errorMessage.startsWith("[IP_ADDRESS] [IP_ADDRESS]"), f.errorMessage.substring(0, 40));
    }
}
