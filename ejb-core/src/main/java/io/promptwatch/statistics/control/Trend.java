package io.promptwatch.statistics.control;

/**
 * The least-squares line through a series against time in days since its first point (R's
 * {@code summary(lm(value ~ days))}): the number of points, the slope per day with its standard error,
 * t and two-sided p-value, R², and the direction: up or down when the p-value is below the chosen alpha,
 * otherwise flat.
 */
public record Trend(int n, double slopePerDay, double standardError, double t, double pValue, double rSquared,
                    Direction direction) {

    /**
     * Which way a significant slope goes, or flat. The constants are the API's words in lower case because
     * JSON-B (Payara's Yasson) writes an enum by {@code name()}: the JSON stays "up", "down" and "flat"
     * without an adapter, and the OpenAPI document lists the same words.
     */
    public enum Direction {
        up, down, flat
    }
}
