package io.promptwatch.reports.archive;

import io.promptwatch.registry.entity.PrivacyMode;
import io.promptwatch.reports.export.ExportColumns;
import io.promptwatch.tracking.entity.ArchivedExecution;
import io.promptwatch.tracking.entity.Execution;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One archived record per line: a JSON object with the database {@code id} first, then the export's
 * fields under the executions API's names. Unlike the export, tags and metadata are kept as the text
 * the table holds (JSON strings), so a restored row is the row that left, character for character.
 */
final class ArchiveLines {

    private ArchiveLines() {
    }

    /** {@code record} as one UTF-8 line ending in a newline. */
    static byte[] encode(Execution record) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = Json.createGenerator(out)) {
            json.writeStartObject();
            json.write("id", record.id());
            for (ExportColumns.Column column : ExportColumns.ALL) {
                column.writeScalar(json, record);
            }
            json.writeEnd();
        }
        out.write('\n');
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The database id of an encoded line. */
    static long id(String line) {
        return object(line).getJsonNumber("id").longValueExact();
    }

    /** A line as the record to put back; a line that is not one fails naming what is wrong. */
    static ArchivedExecution decode(String line) {
        JsonObject o = object(line);
        Execution.Fields f = new Execution.Fields();
        f.executionId = text(o, "executionId");
        f.promptId = text(o, "promptId");
        f.version = text(o, "version");
        f.templateId = text(o, "templateId");
        f.model = text(o, "model");
        f.timestamp = instant(o, "timestamp");
        f.latencyMs = decimal(o, "latencyMs");
        f.inputTokens = whole(o, "inputTokens");
        f.outputTokens = whole(o, "outputTokens");
        f.totalTokens = whole(o, "totalTokens");
        f.cost = decimal(o, "cost");
        f.success = o.getBoolean("success");
        f.errorType = text(o, "errorType");
        f.errorMessage = text(o, "errorMessage");
        f.userFeedback = whole(o, "userFeedback");
        f.qualityScore = decimal(o, "qualityScore");
        f.discriminationScore = decimal(o, "discriminationScore");
        f.behavioralScore = decimal(o, "behavioralScore");
        f.difficulty = text(o, "difficulty");
        f.domain = text(o, "domain");
        f.temperature = decimal(o, "temperature");
        f.conditionalPath = text(o, "conditionalPath");
        f.userId = text(o, "userId");
        f.sessionId = text(o, "sessionId");
        f.tags = text(o, "tags");
        f.metadata = text(o, "metadata");
        String mode = text(o, "privacyMode");
        f.privacyMode = PrivacyMode.parse(mode == null ? "" : mode)
                .orElseThrow(() -> new IllegalArgumentException("an archived record has no privacy mode: " + mode));
        f.inputHash = text(o, "inputHash");
        f.outputHash = text(o, "outputHash");
        f.inputText = text(o, "input");
        f.outputText = text(o, "output");
        f.receivedAt = instant(o, "receivedAt");
        return new ArchivedExecution(o.getJsonNumber("id").longValueExact(), f, text(o, "feedbackComment"),
                instant(o, "feedbackAt"));
    }

    private static JsonObject object(String line) {
        try (JsonReader reader = Json.createReader(new StringReader(line))) {
            return reader.readObject();
        }
    }

    private static boolean absent(JsonObject o, String name) {
        return !o.containsKey(name) || o.get(name).getValueType() == JsonValue.ValueType.NULL;
    }

    private static String text(JsonObject o, String name) {
        return absent(o, name) ? null : o.getString(name);
    }

    private static Instant instant(JsonObject o, String name) {
        return absent(o, name) ? null : Instant.parse(o.getString(name));
    }

    private static Double decimal(JsonObject o, String name) {
        return absent(o, name) ? null : ((JsonNumber) o.get(name)).doubleValue();
    }

    private static Integer whole(JsonObject o, String name) {
        return absent(o, name) ? null : ((JsonNumber) o.get(name)).intValueExact();
    }
}
