package io.promptwatch.tracking.boundary;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The record fields an analysis can compare, by their JSON name; {@code success} is the binary one. */
public enum MetricField {
    QUALITY_SCORE("qualityScore", "quality_score", true),
    USER_FEEDBACK("userFeedback", "user_feedback", true),
    LATENCY("latencyMs", "latency_ms", false),
    COST("cost", "cost", false),
    TOKENS("totalTokens", "total_tokens", false),
    SUCCESS("success", "success", true);

    private final String jsonName;
    /** The column of table {@code execution}. */
    final String column;
    private final boolean higherIsBetter;

    MetricField(String jsonName, String column, boolean higherIsBetter) {
        this.jsonName = jsonName;
        this.column = column;
        this.higherIsBetter = higherIsBetter;
    }

    /** Whether a larger value is an improvement (quality, feedback, success) or not (latency, cost, tokens). */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    public String jsonName() {
        return jsonName;
    }

    public boolean binary() {
        return this == SUCCESS;
    }

    public static Optional<MetricField> parse(String name) {
        return Arrays.stream(values()).filter(m -> m.jsonName.equals(name)).findFirst();
    }

    public static String names() {
        return Arrays.stream(values()).map(MetricField::jsonName).collect(Collectors.joining(", "));
    }
}
