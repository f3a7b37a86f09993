package io.promptwatch.reports.export;

import io.promptwatch.tracking.entity.Execution;
import jakarta.json.stream.JsonGenerator;
import java.util.List;
import java.util.function.Function;

/**
 * The fields of an exported record, in file order, named as the executions API names them. What
 * the privacy mode let the server keep is exported, nothing more (inputs are hashes unless the
 * prompt stores raw text).
 */
public final class ExportColumns {

    /** One field: its name, its value in a record, and whether that value is a JSON document kept as text. */
    public record Column(String name, Function<Execution, Object> value, boolean json) {

        /**
         * Writes this field's value of {@code record} under its name as the JSON scalar it is (a JSON
         * document kept as text stays a string here), {@code null} when the record has none.
         */
        public void writeScalar(JsonGenerator json, Execution record) {
            writeScalarValue(json, value.apply(record));
        }

        /** Writes {@code v}, this field's value already taken from a record, as {@link #writeScalar} does. */
        public void writeScalarValue(JsonGenerator json, Object v) {
            if (v == null) {
                json.writeNull(name);
            } else if (v instanceof Boolean b) {
                json.write(name, b);
            } else if (v instanceof Integer i) {
                json.write(name, i);
            } else if (v instanceof Long l) {
                json.write(name, l);
            } else if (v instanceof Double d) {
                json.write(name, d);
            } else {
                json.write(name, v.toString());
            }
        }
    }

    public static final List<Column> ALL = List.of(
            plain("executionId", Execution::executionId),
            plain("promptId", Execution::promptId),
            plain("version", Execution::version),
            plain("templateId", Execution::templateId),
            plain("model", Execution::model),
            plain("timestamp", Execution::timestamp),
            plain("latencyMs", Execution::latencyMs),
            plain("inputTokens", Execution::inputTokens),
            plain("outputTokens", Execution::outputTokens),
            plain("totalTokens", Execution::totalTokens),
            plain("cost", Execution::cost),
            plain("success", Execution::success),
            plain("errorType", Execution::errorType),
            plain("errorMessage", Execution::errorMessage),
            plain("userFeedback", Execution::userFeedback),
            plain("feedbackComment", Execution::feedbackComment),
            plain("feedbackAt", Execution::feedbackAt),
            plain("qualityScore", Execution::qualityScore),
            plain("discriminationScore", Execution::discriminationScore),
            plain("behavioralScore", Execution::behavioralScore),
            plain("difficulty", Execution::difficulty),
            plain("domain", Execution::domain),
            plain("temperature", Execution::temperature),
            plain("conditionalPath", Execution::conditionalPath),
            plain("userId", Execution::userId),
            plain("sessionId", Execution::sessionId),
            new Column("tags", Execution::tags, true),
            new Column("metadata", Execution::metadata, true),
            plain("privacyMode", e -> e.privacyMode() == null ? null : e.privacyMode().label()),
            plain("inputHash", Execution::inputHash),
            plain("outputHash", Execution::outputHash),
            plain("input", Execution::inputText),
            plain("output", Execution::outputText),
            plain("receivedAt", Execution::receivedAt));

    static final String[] NAMES = ALL.stream().map(Column::name).toArray(String[]::new);

    private ExportColumns() {
    }

    private static Column plain(String name, Function<Execution, Object> value) {
        return new Column(name, value, false);
    }
}
