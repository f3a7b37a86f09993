package io.promptwatch.reports.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptwatch.registry.entity.PrivacyMode;
import io.promptwatch.tracking.entity.Execution;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** The export's encodings read back with an independent reader: the JDK's gunzip, Commons CSV's parser, JSON-P. */
class RecordEncoderTest {

    @Test
    void csvMembersConcatenateIntoOneFileThatReadsBackExactly() throws IOException {
        Execution awkward = record(1L, "ex-1", "quote \" comma , newline \n end", "");
        Execution plain = record(2L, "ex-2", null, "text");
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(RecordEncoder.header(RecordEncoder.Format.CSV));
        file.write(RecordEncoder.member(List.of(awkward), RecordEncoder.Format.CSV));
        file.write(RecordEncoder.member(List.of(plain), RecordEncoder.Format.CSV));

        List<CSVRecord> rows;
        try (CSVParser parser = CSVParser.parse(gunzip(file.toByteArray()),
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            assertEquals(List.of(ExportColumns.NAMES), parser.getHeaderNames());
            rows = parser.getRecords();
        }
        assertEquals(2, rows.size());
        assertEquals("ex-1", rows.get(0).get("executionId"));
        assertEquals("quote \" comma , newline \n end", rows.get(0).get("errorMessage"));
        assertEquals("2026-12-06T02:00:00.123Z", rows.get(0).get("timestamp"));
        assertEquals("812.5", rows.get(0).get("latencyMs"));
        assertEquals("true", rows.get(0).get("success"));
        assertEquals("[\"a\",\"b\"]", rows.get(0).get("tags"));
        assertEquals("hash", rows.get(0).get("privacyMode"));
        assertEquals("ex-2", rows.get(1).get("executionId"));
        assertEquals("text", rows.get(1).get("domain"));
    }

    @Test
    void csvTellsAMissingValueFromAnEmptyText() throws IOException {
        String text = gunzipText(RecordEncoder.member(List.of(record(1L, "ex-1", null, "")), RecordEncoder.Format.CSV));
        int domain = List.of(ExportColumns.NAMES).indexOf("domain");
        int error = List.of(ExportColumns.NAMES).indexOf("errorMessage");
        List<String> raw = List.of(text.split(",", -1));
        // Present values are quoted: an empty text is "" and a missing value nothing at all.
        assertEquals("\"\"", raw.get(domain));
        assertEquals("", raw.get(error));
    }

    @Test
    void jsonLinesHaveOneObjectPerRecordWithTypedValues() throws IOException {
        String text = gunzipText(RecordEncoder.member(List.of(record(1L, "ex-1", "boom", ""), record(2L, "ex-2", null, "x")),
                RecordEncoder.Format.JSONL));
        String[] lines = text.split("\n");
        assertEquals(2, lines.length);
        JsonObject first = Json.createReader(new StringReader(lines[0])).readObject();
        assertEquals("ex-1", first.getString("executionId"));
        assertEquals(812.5, first.getJsonNumber("latencyMs").doubleValue());
        assertEquals(120, first.getInt("totalTokens"));
        assertTrue(first.getBoolean("success"));
        assertEquals(Json.createArrayBuilder().add("a").add("b").build(), first.getJsonArray("tags"));
        assertEquals(Json.createObjectBuilder().add("k", 1).build(), first.getJsonObject("metadata"));
        assertEquals("", first.getString("domain"));
        assertTrue(Json.createReader(new StringReader(lines[1])).readObject().isNull("errorMessage"));
        assertEquals(0, RecordEncoder.header(RecordEncoder.Format.JSONL).length);
    }

    static Execution record(long id, String executionId, String errorMessage, String domain) {
        try {
            Constructor<Execution> constructor = Execution.class.getDeclaredConstructor();
            constructor.setAccessible(true);
            Execution e = constructor.newInstance();
            Map<String, Object> fields = new java.util.HashMap<>();
            fields.put("id", id);
            fields.put("executionId", executionId);
            fields.put("promptId", "p");
            fields.put("version", "1.0.0");
            fields.put("model", "m");
            fields.put("timestamp", Instant.parse("2026-12-06T02:00:00.123Z"));
            fields.put("latencyMs", 812.5);
            fields.put("totalTokens", 120);
            fields.put("success", true);
            fields.put("errorMessage", errorMessage);
            fields.put("domain", domain);
            fields.put("tags", "[\"a\",\"b\"]");
            fields.put("metadata", "{\"k\":1}");
            fields.put("privacyMode", PrivacyMode.HASH);
            for (Map.Entry<String, Object> f : fields.entrySet()) {
                Field field = Execution.class.getDeclaredField(f.getKey());
                field.setAccessible(true);
                field.set(e, f.getValue());
            }
            assertNull(e.inputText());
            return e;
        } catch (ReflectiveOperationException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static Reader gunzip(byte[] bytes) throws IOException {
        return new InputStreamReader(new GZIPInputStream(new ByteArrayInputStream(bytes)), StandardCharsets.UTF_8);
    }

    private static String gunzipText(byte[] bytes) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
