package io.promptwatch.tracking.boundary;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The record fields an analysis can compare, by their JSON name; {@code success} is the binary one. */
public enum MetricField {
    QUALITY_SCORE("qualityScore", "e.qualityScore", true),
    USER_FEEDBACK("userFeedback", "e.userFeedback", true),
    LATENCY("latencyMs", "e.latencyMs", false),
    COST("cost", "e.cost", false),
    TOKENS("totalTokens", "e.totalTokens", false),
    SUCCESS("success", "e.success", true);

    private final String jsonName;
    final String path;
    private final boolean higherIsBetter;

    MetricField(String jsonName, String path, boolean higherIsBetter) {
        this.jsonName = jsonName;
        this.path = path;
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
