package io.promptwatch.alerting.control;

/**
 * How a window's value compares with the metric's usual range for that hour of day
 * ({@link SeasonalBaseline}). Nothing in it is NaN or infinite: what cannot be computed is null.
 *
 * @param value     the window's value
 * @param points    how many reference values the baseline was made of
 * @param median    the median of the reference values; null when there are too few of them
 * @param mad       their median absolute deviation scaled by 1.4826 (R's {@code mad(x)}); null when too few
 * @param scale     the spread the score divides by: the MAD, or 1.253314 × the mean absolute deviation when
 *                  the MAD is 0; null when there is no spread or too few values
 * @param score     the robust z, (value − median) / scale, signed: positive above the usual range; null
 *                  when {@code scale} is
 * @param anomalous true when |score| exceeds the sensitivity, or, when every reference value is the same,
 *                  when the value differs from it
 * @param warning   null when the score is the plain MAD score; otherwise why it is undefined (too few
 *                  reference values, no spread) or which fallback it used
 */
public record SeasonalComparison(double value, int points, Double median, Double mad, Double scale, Double score,
                                 boolean anomalous, String warning) {

    /** Anomalous above the usual range (a rule with "&gt;" acts on this). */
    public boolean high() {
        return anomalous && value > median;
    }

    /** Anomalous below the usual range (a rule with "&lt;" acts on this). */
    public boolean low() {
        return anomalous && value < median;
    }
}
