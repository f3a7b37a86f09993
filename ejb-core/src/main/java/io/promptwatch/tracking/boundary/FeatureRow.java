package io.promptwatch.tracking.boundary;

import java.util.Locale;
import java.util.Map;

/**
 * The numeric features of one record for correlation and modelling; a missing value is NaN.
 * Difficulty is ordinal: easy 1, medium 2, hard 3 (or the number the client sent).
 */
public record FeatureRow(double latencyMs, double totalTokens, double temperature, double difficulty, double cost,
                         double qualityScore, double success) {

    /** Feature names as the API spells them, in a fixed order. */
    public static final java.util.List<String> NAMES = java.util.List.of("latencyMs", "totalTokens", "temperature",
            "difficulty", "cost", "qualityScore", "success");

    private static final Map<String, Double> ORDINAL = Map.of("easy", 1.0, "low", 1.0, "medium", 2.0, "moderate", 2.0,
            "hard", 3.0, "high", 3.0);

    public double get(String name) {
        return switch (name) {
            case "latencyMs" -> latencyMs;
            case "totalTokens" -> totalTokens;
            case "temperature" -> temperature;
            case "difficulty" -> difficulty;
            case "cost" -> cost;
            case "qualityScore" -> qualityScore;
            case "success" -> success;
            default -> throw new IllegalArgumentException("unknown feature '" + name + "'; features are " + NAMES);
        };
    }

    /** Difficulty as a number: a known word, a number, or NaN. */
    public static double ordinal(String difficulty) {
        if (difficulty == null) {
            return Double.NaN;
        }
        Double known = ORDINAL.get(difficulty.trim().toLowerCase(Locale.ROOT));
        if (known != null) {
            return known;
        }
        try {
            return Double.parseDouble(difficulty.trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
