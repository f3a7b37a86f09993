package io.promptwatch.tracking.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptwatch.tracking.control.ExecutionParser.Parsed;
import io.promptwatch.tracking.entity.Execution;
import io.promptwatch.tracking.entity.FieldError;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One record at a time: every field's type and range, all errors collected, nothing thrown. */
class ExecutionParserTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final int TEXT_LIMIT = 1000;
    private static final int METADATA_LIMIT = 1000;

    private final ExecutionParser parser = new ExecutionParser(new IngestLimits(TEXT_LIMIT, METADATA_LIMIT, Duration.ofMinutes(5)));

    /** A record with every known field set to a valid value. */
    private static JsonObject fullRecord() {
        return Json.createObjectBuilder()
                .add("executionId", "exec-2026.11.25:0001")
                .add("promptId", "support-triage")
                .add("version", "1.4.0")
                .add("templateId", "triage-template")
                .add("model", "gpt-4o-mini")
                .add("timestamp", "2026-11-25T11:59:00Z")
                .add("latencyMs", 812.5)
                .add("inputTokens", 12)
                .add("outputTokens", 30)
                .add("totalTokens", 42)
                .add("cost", 0.0042)
                .add("success", true)
                .add("errorType", "none")
                .add("errorMessage", "no error")
                .add("userFeedback", 4)
                .add("qualityScore", 0.87)
                .add("discriminationScore", -1.25)
                .add("behavioralScore", 3.5)
                .add("difficulty", "hard")
                .add("domain", "billing")
                .add("temperature", 0.7)
                .add("conditionalPath", "a/b/c")
                .add("userId", "user-17")
                .add("sessionId", "session-9")
                .add("tags", Json.createArrayBuilder().add("prod").add("eu"))
                .add("metadata", Json.createObjectBuilder().add("region", "eu-west-1").add("retries", 1))
                .add("input", "Where is my refund?")
                .add("output", "Your refund was sent on Monday.")
                .build();
    }

    private static JsonObject with(String field, JsonValue value) {
        return Json.createObjectBuilder(fullRecord()).add(field, value).build();
    }

    private static JsonObject without(String field) {
        return Json.createObjectBuilder(fullRecord()).remove(field).build();
    }

    private static JsonObject edit(UnaryOperator<JsonObjectBuilder> change) {
        return change.apply(Json.createObjectBuilder(fullRecord())).build();
    }

    private static JsonValue str(String s) {
        return Json.createValue(s);
    }

    private static JsonValue num(String n) {
        return Json.createValue(new BigDecimal(n));
    }

    @Test
    void fullValidRecordParsesWithoutErrors() {
        Parsed parsed = parser.parse(fullRecord(), NOW);

        assertEquals(List.of(), parsed.errors());
        assertTrue(parsed.valid());
        Execution.Fields f = parsed.fields();
        assertEquals("exec-2026.11.25:0001", parsed.executionId());
        assertEquals("exec-2026.11.25:0001", f.executionId);
        assertEquals("support-triage", f.promptId);
        assertEquals("1.4.0", f.version);
        assertEquals("triage-template", f.templateId);
        assertEquals("gpt-4o-mini", f.model);
        assertEquals(Instant.parse("2026-11-25T11:59:00Z"), f.timestamp);
        assertEquals(NOW, f.receivedAt);
        assertEquals(812.5, f.latencyMs);
        assertEquals(12, f.inputTokens);
        assertEquals(30, f.outputTokens);
        assertEquals(42, f.totalTokens);
        assertEquals(0.0042, f.cost);
        assertTrue(f.success);
        assertEquals("none", f.errorType);
        assertEquals("no error", f.errorMessage);
        assertEquals(4, f.userFeedback);
        assertEquals(0.87, f.qualityScore);
        assertEquals(-1.25, f.discriminationScore);
        assertEquals(3.5, f.behavioralScore);
        assertEquals("hard", f.difficulty);
        assertEquals("billing", f.domain);
        assertEquals(0.7, f.temperature);
        assertEquals("a/b/c", f.conditionalPath);
        assertEquals("user-17", f.userId);
        assertEquals("session-9", f.sessionId);
        assertEquals("[\"prod\",\"eu\"]", f.tags);
        assertEquals(Json.createObjectBuilder().add("region", "eu-west-1").add("retries", 1).build(), parsed.metadata());
        assertEquals("Where is my refund?", parsed.input());
        assertEquals("Your refund was sent on Monday.", parsed.output());
        assertNull(f.inputText, "the parser leaves the texts to the privacy filter");
        assertNull(f.metadata, "the parser leaves the metadata to the privacy filter");
    }

    @Test
    void minimalRecordNeedsOnlyTheRequiredFields() {
        JsonObject record = Json.createObjectBuilder()
                .add("executionId", "e1").add("promptId", "p").add("model", "m").add("success", false).build();

        Parsed parsed = parser.parse(record, NOW);

        assertEquals(List.of(), parsed.errors());
        assertFalse(parsed.fields().success);
        assertEquals(NOW, parsed.fields().timestamp, "a record without a timestamp happened now");
        assertNull(parsed.fields().version);
        assertNull(parsed.fields().totalTokens);
        assertNull(parsed.metadata());
        assertNull(parsed.input());
    }

    static Stream<Arguments> invalidFields() {
        return Stream.of(
                Arguments.of("missing executionId", without("executionId"), "executionId"),
                Arguments.of("missing promptId", without("promptId"), "promptId"),
                Arguments.of("missing model", without("model"), "model"),
                Arguments.of("missing success", without("success"), "success"),
                Arguments.of("null model", with("model", JsonValue.NULL), "model"),
                Arguments.of("blank model", with("model", str("  ")), "model"),
                Arguments.of("executionId a number", with("executionId", num("42")), "executionId"),
                Arguments.of("executionId with a space", with("executionId", str("exec 1")), "executionId"),
                Arguments.of("executionId of 129 characters", with("executionId", str("e".repeat(129))), "executionId"),
                Arguments.of("promptId not a slug", with("promptId", str("Support_Triage")), "promptId"),
                Arguments.of("promptId of 65 characters", with("promptId", str("p".repeat(65))), "promptId"),
                Arguments.of("model a number", with("model", num("4")), "model"),
                Arguments.of("success a string", with("success", str("true")), "success"),
                Arguments.of("success a number", with("success", num("1")), "success"),
                Arguments.of("version with two parts", with("version", str("1.4")), "version"),
                Arguments.of("version with a leading zero", with("version", str("1.04.0")), "version"),
                Arguments.of("latencyMs a string", with("latencyMs", str("812")), "latencyMs"),
                Arguments.of("latencyMs negative", with("latencyMs", num("-1")), "latencyMs"),
                Arguments.of("cost negative", with("cost", num("-0.01")), "cost"),
                Arguments.of("qualityScore 1.5", with("qualityScore", num("1.5")), "qualityScore"),
                Arguments.of("qualityScore -0.1", with("qualityScore", num("-0.1")), "qualityScore"),
                Arguments.of("qualityScore a string", with("qualityScore", str("0.5")), "qualityScore"),
                Arguments.of("userFeedback 0", with("userFeedback", num("0")), "userFeedback"),
                Arguments.of("userFeedback 6", with("userFeedback", num("6")), "userFeedback"),
                Arguments.of("userFeedback 2.5", with("userFeedback", num("2.5")), "userFeedback"),
                Arguments.of("userFeedback a string", with("userFeedback", str("5")), "userFeedback"),
                Arguments.of("temperature 2.5", with("temperature", num("2.5")), "temperature"),
                Arguments.of("discriminationScore beyond a double", with("discriminationScore", num("1e400")), "discriminationScore"),
                Arguments.of("inputTokens negative", with("inputTokens", num("-1")), "inputTokens"),
                Arguments.of("outputTokens negative", with("outputTokens", num("-5")), "outputTokens"),
                Arguments.of("totalTokens negative", with("totalTokens", num("-42")), "totalTokens"),
                Arguments.of("inputTokens fractional", with("inputTokens", num("12.5")), "inputTokens"),
                Arguments.of("inputTokens beyond an int", with("inputTokens", num("2147483648")), "inputTokens"),
                Arguments.of("totalTokens below input + output", with("totalTokens", num("41")), "totalTokens"),
                Arguments.of("timestamp far in the future", with("timestamp", str("2030-01-01T00:00:00Z")), "timestamp"),
                Arguments.of("timestamp just past the allowed skew", with("timestamp", str("2026-11-25T12:05:01Z")), "timestamp"),
                Arguments.of("timestamp malformed", with("timestamp", str("yesterday")), "timestamp"),
                Arguments.of("timestamp without a zone", with("timestamp", str("2026-11-25T11:59:00")), "timestamp"),
                Arguments.of("timestamp a number", with("timestamp", num("1764071940000")), "timestamp"),
                Arguments.of("timestamp before year 1 (stored as a wrong year)", with("timestamp", str("-0001-06-01T00:00:00Z")), "timestamp"),
                Arguments.of("unknown field in the wrong case", with("qualityscore", num("0.5")), "qualityscore"),
                Arguments.of("unknown field", with("prompt_id", str("support-triage")), "prompt_id"),
                Arguments.of("tags not an array", with("tags", str("prod,eu")), "tags"),
                Arguments.of("tags holding a number", with("tags", Json.createArrayBuilder().add("prod").add(3).build()), "tags"),
                Arguments.of("tags holding a tag of 65 characters", with("tags", Json.createArrayBuilder().add("t".repeat(65)).build()), "tags"),
                Arguments.of("tags 51 of them", with("tags", manyTags(51)), "tags"),
                Arguments.of("metadata an array", with("metadata", Json.createArrayBuilder().add("a").build()), "metadata"),
                Arguments.of("metadata a string", with("metadata", str("{\"a\":1}")), "metadata"),
                Arguments.of("metadata over the limit", with("metadata", Json.createObjectBuilder().add("note", "m".repeat(METADATA_LIMIT)).build()), "metadata"),
                Arguments.of("input over the limit", with("input", str("i".repeat(TEXT_LIMIT + 1))), "input"),
                Arguments.of("output over the limit", with("output", str("o".repeat(TEXT_LIMIT + 1))), "output"),
                Arguments.of("input a number", with("input", num("1")), "input"),
                Arguments.of("errorMessage over 2000 characters", with("errorMessage", str("x".repeat(2001))), "errorMessage"),
                Arguments.of("errorMessage holding a NUL character", with("errorMessage", str("a\u0000b")), "errorMessage"),
                Arguments.of("input holding a NUL character", with("input", str("\u0000")), "input"),
                Arguments.of("difficulty a boolean", with("difficulty", JsonValue.TRUE), "difficulty"),
                Arguments.of("difficulty a number longer than its column", with("difficulty", num("0." + "1".repeat(40))), "difficulty"),
                Arguments.of("userId over 256 characters", with("userId", str("u".repeat(257))), "userId"));
    }

    private static JsonValue manyTags(int count) {
        var array = Json.createArrayBuilder();
        for (int i = 0; i < count; i++) {
            array.add("t" + i);
        }
        return array.build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFields")
    void invalidFieldGivesOneErrorNamingIt(String description, JsonObject record, String field) {
        Parsed parsed = parser.parse(record, NOW);

        assertFalse(parsed.valid());
        assertEquals(List.of(field), parsed.errors().stream().map(FieldError::field).toList(), () -> parsed.errors().toString());
        assertFalse(parsed.errors().get(0).unknownReference(), "a malformed value is a 400, not a 422");
        assertFalse(parsed.errors().get(0).message().isBlank());
    }

    @Test
    void missingRequiredFieldSaysItIsRequired() {
        Parsed parsed = parser.parse(without("promptId"), NOW);
        assertEquals("is required", parsed.errors().get(0).message());
    }

    @Test
    void totalTokensIsDerivedWhenAbsent() {
        Parsed parsed = parser.parse(without("totalTokens"), NOW);

        assertEquals(List.of(), parsed.errors());
        assertEquals(42, parsed.fields().totalTokens);
    }

    @Test
    void totalTokensAboveInputPlusOutputIsAccepted() {
        Parsed parsed = parser.parse(with("totalTokens", num("50")), NOW);

        assertEquals(List.of(), parsed.errors());
        assertEquals(50, parsed.fields().totalTokens);
    }

    @Test
    void totalTokensIsNotInventedFromOnlyOneSide() {
        Parsed parsed = parser.parse(edit(b -> b.remove("totalTokens").remove("outputTokens")), NOW);

        assertEquals(List.of(), parsed.errors());
        assertNull(parsed.fields().totalTokens);
    }

    @Test
    void integralNumbersWrittenWithAFractionAreIntegers() {
        Parsed parsed = parser.parse(edit(b -> b.add("userFeedback", num("5.0")).add("inputTokens", num("1.2e1"))), NOW);

        assertEquals(List.of(), parsed.errors());
        assertEquals(5, parsed.fields().userFeedback);
        assertEquals(12, parsed.fields().inputTokens);
    }

    @Test
    void boundaryValuesAreAccepted() {
        Parsed parsed = parser.parse(edit(b -> b
                .add("qualityScore", num("1")).add("userFeedback", num("1")).add("temperature", num("2"))
                .add("latencyMs", num("0")).add("timestamp", str("2026-11-25T12:05:00Z"))
                .add("input", str("i".repeat(TEXT_LIMIT))).add("tags", manyTags(50))), NOW);

        assertEquals(List.of(), parsed.errors());
        assertEquals(Instant.parse("2026-11-25T12:05:00Z"), parsed.fields().timestamp);
    }

    @Test
    void timestampInThePastIsAccepted() {
        Parsed parsed = parser.parse(with("timestamp", str("2020-01-01T00:00:00.123Z")), NOW);

        assertEquals(List.of(), parsed.errors());
        assertEquals(Instant.parse("2020-01-01T00:00:00.123Z"), parsed.fields().timestamp);
    }

    @Test
    void numericDifficultyIsKeptAsText() {
        Parsed parsed = parser.parse(with("difficulty", num("3")), NOW);

        assertEquals(List.of(), parsed.errors());
        assertEquals("3", parsed.fields().difficulty);
    }

    @Test
    void collectsEveryErrorInsteadOfStoppingAtTheFirst() {
        JsonObject record = edit(b -> b
                .remove("model")
                .add("qualityScore", num("1.5"))
                .add("userFeedback", num("6"))
                .add("qualityscore", num("0.5"))
                .add("totalTokens", num("10"))
                .add("timestamp", str("not a time"))
                .add("tags", str("prod")));

        Parsed parsed = parser.parse(record, NOW);

        Set<String> fields = parsed.errors().stream().map(FieldError::field).collect(Collectors.toSet());
        assertEquals(Set.of("model", "qualityScore", "userFeedback", "qualityscore", "totalTokens", "timestamp", "tags"), fields);
        assertEquals(7, parsed.errors().size());
        assertEquals("exec-2026.11.25:0001", parsed.executionId(), "the id is still reported so the client can match the refusal");
    }

    @Test
    void recordThatIsNotAnObjectIsRefusedAsAWhole() {
        Parsed parsed = parser.parse(Json.createArrayBuilder().add(fullRecord()).build(), NOW);

        assertEquals(1, parsed.errors().size());
        assertEquals("", parsed.errors().get(0).field());
        assertNull(parsed.fields());
    }

    @Test
    void nullRecordIsRefusedRatherThanThrowing() {
        assertFalse(parser.parse(null, NOW).valid());
        assertFalse(parser.parse(JsonValue.NULL, NOW).valid());
    }
}
