package io.promptwatch.tracking.control;

import io.promptwatch.persistence.StorableInstants;
import io.promptwatch.persistence.StorableTexts;
import io.promptwatch.problem.ProblemException;
import io.promptwatch.registry.entity.PromptSlug;
import io.promptwatch.registry.entity.SemanticVersion;
import io.promptwatch.tracking.entity.Execution;
import io.promptwatch.tracking.entity.FieldError;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one execution record from JSON, checking every field's type and range and collecting all
 * errors rather than stopping at the first. Knows nothing of the registry or of privacy: the
 * result still carries the raw input and output, which {@link PrivacyFilter} must see next.
 */
public final class ExecutionParser {

    static final Set<String> FIELDS = Set.of("executionId", "promptId", "version", "templateId", "model",
            "timestamp", "latencyMs", "inputTokens", "outputTokens", "totalTokens", "cost", "success", "errorType",
            "errorMessage", "userFeedback", "qualityScore", "discriminationScore", "behavioralScore", "difficulty",
            "domain", "temperature", "conditionalPath", "userId", "sessionId", "tags", "metadata", "input", "output");
    private static final Pattern EXECUTION_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final int MAX_TAGS = 50;

    /** A parsed record: the fields, the raw texts and metadata, or the reasons for refusing it. */
    public record Parsed(String executionId, Execution.Fields fields, String input, String output,
                         JsonObject metadata, List<FieldError> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    private final IngestLimits limits;

    public ExecutionParser(IngestLimits limits) {
        this.limits = limits;
    }

    public Parsed parse(JsonValue value, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        if (value == null || value.getValueType() != JsonValue.ValueType.OBJECT) {
            errors.add(FieldError.invalid("", "each execution record must be a JSON object"));
            return new Parsed(null, null, null, null, null, errors);
        }
        Reader r = new Reader(value.asJsonObject(), errors);
        for (String key : r.json.keySet()) {
            if (!FIELDS.contains(key)) {
                errors.add(FieldError.invalid(key, "unknown field (fields are case-sensitive, e.g. qualityScore)"));
            }
        }
        Execution.Fields f = new Execution.Fields();
        f.receivedAt = now;
        f.executionId = r.string("executionId", 128, true);
        if (f.executionId != null && !EXECUTION_ID.matcher(f.executionId).matches()) {
            errors.add(FieldError.invalid("executionId", "must be 1-128 characters of letters, digits and . _ : -"));
        }
        f.promptId = r.string("promptId", PromptSlug.MAX_LENGTH, true);
        if (f.promptId != null && !PromptSlug.isValid(f.promptId)) {
            errors.add(FieldError.invalid("promptId", "must be a prompt slug such as support-triage"));
        }
        f.version = r.string("version", 64, false);
        if (f.version != null) {
            try {
                f.version = SemanticVersion.parse(f.version).toString();
            } catch (ProblemException e) {
                errors.add(FieldError.invalid("version", e.detail()));
            }
        }
        f.templateId = r.string("templateId", 128, false);
        f.model = r.string("model", 128, true);
        f.timestamp = r.instant("timestamp", now);
        if (f.timestamp != null && f.timestamp.isAfter(now.plus(limits.maxClockSkew()))) {
            errors.add(FieldError.invalid("timestamp", "lies more than " + limits.maxClockSkew().toSeconds()
                    + " s in the future (server time " + now + ")"));
        }
        f.latencyMs = r.number("latencyMs", 0, Double.MAX_VALUE);
        f.inputTokens = r.integer("inputTokens", 0, Integer.MAX_VALUE);
        f.outputTokens = r.integer("outputTokens", 0, Integer.MAX_VALUE);
        f.totalTokens = r.integer("totalTokens", 0, Integer.MAX_VALUE);
        if (f.inputTokens != null && f.outputTokens != null) {
            long sum = (long) f.inputTokens + f.outputTokens;
            if (f.totalTokens == null && sum <= Integer.MAX_VALUE) {
                f.totalTokens = (int) sum;
            } else if (f.totalTokens != null && f.totalTokens < sum) {
                errors.add(FieldError.invalid("totalTokens", "must be at least inputTokens + outputTokens (" + sum + ")"));
            }
        }
        f.cost = r.number("cost", 0, Double.MAX_VALUE);
        Boolean success = r.bool("success", true);
        f.success = Boolean.TRUE.equals(success);
        f.errorType = r.string("errorType", 128, false);
        f.errorMessage = r.string("errorMessage", 2000, false);
        f.userFeedback = r.integer("userFeedback", 1, 5);
        f.qualityScore = r.number("qualityScore", 0, 1);
        f.discriminationScore = r.number("discriminationScore", -Double.MAX_VALUE, Double.MAX_VALUE);
        f.behavioralScore = r.number("behavioralScore", -Double.MAX_VALUE, Double.MAX_VALUE);
        f.difficulty = r.scalarAsString("difficulty", 32);
        f.domain = r.string("domain", 128, false);
        f.temperature = r.number("temperature", 0, 2);
        f.conditionalPath = r.string("conditionalPath", 512, false);
        f.userId = r.string("userId", 256, false);
        f.sessionId = r.string("sessionId", 256, false);
        f.tags = r.tags("tags");
        JsonObject metadata = r.object("metadata");
        if (metadata != null && metadata.toString().length() > limits.maxMetadataChars()) {
            errors.add(FieldError.invalid("metadata", "is longer than " + limits.maxMetadataChars() + " characters as JSON"));
        }
        String input = r.string("input", limits.maxTextChars(), false);
        String output = r.string("output", limits.maxTextChars(), false);
        return new Parsed(f.executionId, f, input, output, metadata, errors);
    }

    /** Typed access to one JSON object that records, rather than throws, what is wrong. */
    private static final class Reader {
        final JsonObject json;
        final List<FieldError> errors;

        Reader(JsonObject json, List<FieldError> errors) {
            this.json = json;
            this.errors = errors;
        }

        private JsonValue present(String field, boolean required) {
            JsonValue v = json.get(field);
            if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
                if (required) {
                    errors.add(FieldError.invalid(field, "is required"));
                }
                return null;
            }
            return v;
        }

        String string(String field, int maxLength, boolean required) {
            JsonValue v = present(field, required);
            if (v == null) {
                return null;
            }
            if (v.getValueType() != JsonValue.ValueType.STRING) {
                errors.add(FieldError.invalid(field, "must be a string"));
                return null;
            }
            String s = ((JsonString) v).getString();
            if (required && s.isBlank()) {
                errors.add(FieldError.invalid(field, "must not be blank"));
                return null;
            }
            if (s.length() > maxLength) {
                errors.add(FieldError.invalid(field, "is longer than " + maxLength + " characters"));
                return null;
            }
            if (!StorableTexts.storable(s)) {
                errors.add(FieldError.invalid(field, StorableTexts.REFUSAL));
                return null;
            }
            return s;
        }

        String scalarAsString(String field, int maxLength) {
            JsonValue v = present(field, false);
            if (v instanceof JsonNumber n) {
                if (n.toString().length() > maxLength) {
                    errors.add(FieldError.invalid(field, "is longer than " + maxLength + " characters"));
                    return null;
                }
                return n.toString();
            }
            return v == null ? null : string(field, maxLength, false);
        }

        Double number(String field, double min, double max) {
            JsonValue v = present(field, false);
            if (v == null) {
                return null;
            }
            if (!(v instanceof JsonNumber n)) {
                errors.add(FieldError.invalid(field, "must be a number"));
                return null;
            }
            double d = n.doubleValue();
            if (Double.isInfinite(d) || d < min || d > max) {
                errors.add(FieldError.invalid(field, rangeText(min, max) + "; got " + n));
                return null;
            }
            return d;
        }

        Integer integer(String field, int min, int max) {
            JsonValue v = present(field, false);
            if (v == null) {
                return null;
            }
            if (!(v instanceof JsonNumber n) || !isIntegral(n.bigDecimalValue())) {
                errors.add(FieldError.invalid(field, "must be an integer"));
                return null;
            }
            BigDecimal d = n.bigDecimalValue();
            if (d.compareTo(BigDecimal.valueOf(min)) < 0 || d.compareTo(BigDecimal.valueOf(max)) > 0) {
                errors.add(FieldError.invalid(field, "must be an integer from " + min + " to " + max + "; got " + n));
                return null;
            }
            return d.intValueExact();
        }

        Boolean bool(String field, boolean required) {
            JsonValue v = present(field, required);
            if (v == null) {
                return null;
            }
            if (v == JsonValue.TRUE || v == JsonValue.FALSE || v.getValueType() == JsonValue.ValueType.TRUE
                    || v.getValueType() == JsonValue.ValueType.FALSE) {
                return v.getValueType() == JsonValue.ValueType.TRUE;
            }
            errors.add(FieldError.invalid(field, "must be true or false"));
            return null;
        }

        Instant instant(String field, Instant fallback) {
            JsonValue v = present(field, false);
            if (v == null) {
                return fallback;
            }
            if (v.getValueType() != JsonValue.ValueType.STRING) {
                errors.add(FieldError.invalid(field, "must be an ISO-8601 instant such as 2026-11-25T10:15:30Z"));
                return null;
            }
            try {
                Instant instant = Instant.parse(((JsonString) v).getString());
                if (!StorableInstants.contains(instant)) {
                    errors.add(FieldError.invalid(field, "must lie between " + StorableInstants.MIN + " and 9999-12-31T23:59:59Z"));
                    return null;
                }
                return instant;
            } catch (DateTimeParseException e) {
                errors.add(FieldError.invalid(field, "must be an ISO-8601 instant such as 2026-11-25T10:15:30Z"));
                return null;
            }
        }

        JsonObject object(String field) {
            JsonValue v = present(field, false);
            if (v == null) {
                return null;
            }
            if (v.getValueType() != JsonValue.ValueType.OBJECT) {
                errors.add(FieldError.invalid(field, "must be a JSON object"));
                return null;
            }
            return v.asJsonObject();
        }

        String tags(String field) {
            JsonValue v = present(field, false);
            if (v == null) {
                return null;
            }
            if (v.getValueType() != JsonValue.ValueType.ARRAY) {
                errors.add(FieldError.invalid(field, "must be an array of strings"));
                return null;
            }
            JsonArray array = v.asJsonArray();
            if (array.size() > MAX_TAGS) {
                errors.add(FieldError.invalid(field, "holds more than " + MAX_TAGS + " tags"));
                return null;
            }
            for (JsonValue tag : array) {
                if (tag.getValueType() != JsonValue.ValueType.STRING || ((JsonString) tag).getString().length() > 64) {
                    errors.add(FieldError.invalid(field, "must be an array of strings of at most 64 characters"));
                    return null;
                }
            }
            String json = array.toString();
            if (json.length() > 2000) {
                errors.add(FieldError.invalid(field, "is longer than 2000 characters as JSON"));
                return null;
            }
            return json;
        }

        private static boolean isIntegral(BigDecimal d) {
            return d.signum() == 0 || d.scale() <= 0 || d.stripTrailingZeros().scale() <= 0;
        }

        private static String rangeText(double min, double max) {
            if (max == Double.MAX_VALUE) {
                return min == -Double.MAX_VALUE ? "must be a finite number" : "must be a number of at least " + min;
            }
            return "must be a number from " + min + " to " + max;
        }
    }
}
