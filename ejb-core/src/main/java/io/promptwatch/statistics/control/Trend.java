package io.promptwatch.statistics.control;

/**
 * The least-squares line through a series against time in days since its first point (R's
 * {@code summary(lm(value ~ days))}): the number of points, the slope per day with its standard error,
 * t and two-sided p-value, R², and the direction: "up" or "down" when the p-value is below the
 * chosen alpha, otherwise "flat".
 */
public record Trend(int n, double slopePerDay, double standardError, double t, double pValue, double rSquared,
                    String direction) {
}
