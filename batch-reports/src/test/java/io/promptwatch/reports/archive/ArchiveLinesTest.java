package io.promptwatch.reports.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptwatch.registry.entity.PrivacyMode;
import io.promptwatch.reports.export.ExportColumns;
import io.promptwatch.tracking.entity.ArchivedExecution;
import io.promptwatch.tracking.entity.Execution;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A line read back gives the row that was written, every column of it (compared with the values set, not re-encoded). */
class ArchiveLinesTest {

    @Test
    void everyColumnAndTheDatabaseIdSurviveALine() {
        Map<String, Object> values = new HashMap<>();
        values.put("id", 4_000_000_007L);
        values.put("key", 99L);
        values.put("executionId", "ex-1");
        values.put("promptId", "support-triage");
        values.put("version", "1.2.0");
        values.put("templateId", "t-1");
        values.put("model", "gpt-4o-mini");
        values.put("timestamp", Instant.parse("2026-01-31T23:59:59.999999Z"));
        values.put("latencyMs", 0.1 + 0.2);
        values.put("inputTokens", 120);
        values.put("outputTokens", 48);
        values.put("totalTokens", 168);
        values.put("cost", 0.00042);
        values.put("success", false);
        values.put("errorType", "timeout");
        values.put("errorMessage", "line\nbreak \"quoted\" \u00e9");
        values.put("userFeedback", 2);
        values.put("feedbackComment", "slow");
        values.put("feedbackAt", Instant.parse("2026-02-01T08:00:00Z"));
        values.put("qualityScore", 0.87);
        values.put("discriminationScore", 1e-300);
        values.put("behavioralScore", -0.5);
        values.put("difficulty", "hard");
        values.put("domain", "billing");
        values.put("temperature", 0.7);
        values.put("conditionalPath", "a>b");
        values.put("userId", "u-17");
        values.put("sessionId", "s-9");
        values.put("tags", "[\"eu\", \"beta\"]");
        values.put("metadata", "{\"n\": 1.50, \"k\":[1,2]}");
        values.put("privacyMode", PrivacyMode.RAW);
        values.put("inputHash", "h1");
        values.put("outputHash", "h2");
        values.put("inputText", "How?");
        values.put("outputText", "Thus.");
        values.put("receivedAt", Instant.parse("2026-01-31T23:59:59.999999Z").plusSeconds(1));
        Execution record = execution(values);

        String line = new String(ArchiveLines.encode(record), StandardCharsets.UTF_8);
        assertTrue(line.endsWith("\n") && line.indexOf('\n') == line.length() - 1, "one line");
        JsonObject json = Json.createReader(new StringReader(line)).readObject();
        Set<String> names = new LinkedHashSet<>();
        names.add("id");
        ExportColumns.ALL.forEach(c -> names.add(c.name()));
        assertEquals(names, json.keySet(), "the id and every export column");
        assertEquals(4_000_000_007L, ArchiveLines.id(line));

        ArchivedExecution back = ArchiveLines.decode(line);
        Execution.Fields f = back.fields();
        assertEquals(4_000_000_007L, back.id());
        assertEquals("slow", back.feedbackComment());
        assertEquals(values.get("feedbackAt"), back.feedbackAt());
        assertEquals("ex-1", f.executionId);
        assertEquals("support-triage", f.promptId);
        assertEquals("1.2.0", f.version);
        assertEquals("t-1", f.templateId);
        assertEquals("gpt-4o-mini", f.model);
        assertEquals(values.get("timestamp"), f.timestamp);
        assertEquals(0.1 + 0.2, f.latencyMs);
        assertEquals(120, f.inputTokens);
        assertEquals(48, f.outputTokens);
        assertEquals(168, f.totalTokens);
        assertEquals(0.00042, f.cost);
        assertEquals(false, f.success);
        assertEquals("timeout", f.errorType);
        assertEquals(values.get("errorMessage"), f.errorMessage);
        assertEquals(2, f.userFeedback);
        assertEquals(0.87, f.qualityScore);
        assertEquals(1e-300, f.discriminationScore);
        assertEquals(-0.5, f.behavioralScore);
        assertEquals("hard", f.difficulty);
        assertEquals("billing", f.domain);
        assertEquals(0.7, f.temperature);
        assertEquals("a>b", f.conditionalPath);
        assertEquals("u-17", f.userId);
        assertEquals("s-9", f.sessionId);
        assertEquals("[\"eu\", \"beta\"]", f.tags, "the stored text, spaces included");
        assertEquals("{\"n\": 1.50, \"k\":[1,2]}", f.metadata);
        assertEquals(PrivacyMode.RAW, f.privacyMode);
        assertEquals("h1", f.inputHash);
        assertEquals("h2", f.outputHash);
        assertEquals("How?", f.inputText);
        assertEquals("Thus.", f.outputText);
        assertEquals(values.get("receivedAt"), f.receivedAt);
    }

    @Test
    void absentValuesStayAbsent() {
        Map<String, Object> values = new HashMap<>();
        values.put("id", 1L);
        values.put("executionId", "ex-2");
        values.put("promptId", "p");
        values.put("version", "1.0.0");
        values.put("model", "m");
        values.put("timestamp", Instant.parse("2026-01-01T00:00:00Z"));
        values.put("success", true);
        values.put("privacyMode", PrivacyMode.HASH);
        values.put("receivedAt", Instant.parse("2026-01-01T00:00:01Z"));
        ArchivedExecution back = ArchiveLines.decode(new String(ArchiveLines.encode(execution(values)), StandardCharsets.UTF_8));
        assertNull(back.fields().latencyMs);
        assertNull(back.fields().userFeedback);
        assertNull(back.fields().tags);
        assertNull(back.feedbackAt());
        assertEquals(true, back.fields().success);
    }

    static Execution execution(Map<String, Object> values) {
        try {
            Constructor<Execution> constructor = Execution.class.getDeclaredConstructor();
            constructor.setAccessible(true);
            Execution e = constructor.newInstance();
            for (Map.Entry<String, Object> v : values.entrySet()) {
                Field field = Execution.class.getDeclaredField(v.getKey());
                field.setAccessible(true);
                field.set(e, v.getValue());
            }
            return e;
        } catch (ReflectiveOperationException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
