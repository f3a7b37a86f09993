package io.promptwatch.statistics.control;

import io.promptwatch.statistics.entity.SeriesPoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.stat.StatUtils;

/**
 * Which points of a metric stand out (SPEC §5), by three rules side by side: the z-score, which one
 * large outlier can hide behind the spread it inflates, and Tukey's fences and the modified z-score,
 * which it cannot. The summaries are R 4.2.2's ({@code mean}, {@code sd}, {@code quantile},
 * {@code median}, {@code mad}); the reference values are in the tests.
 */
public final class AnomalyDetection {

    /** |z| above this flags a point (z with the sample standard deviation). */
    static final double Z_LIMIT = 3.0;
    /** Tukey's fences lie this many interquartile ranges beyond the quartiles. */
    static final double IQR_FENCE = 1.5;
    /** |modified z| above this flags a point (Iglewicz and Hoaglin). */
    static final double MAD_LIMIT = 3.5;
    /** Φ⁻¹(0.75), which makes the raw MAD of normal data comparable to a standard deviation. */
    static final double MAD_FACTOR = 0.6745;

    private AnomalyDetection() {
    }

    /**
     * The points each rule flags, in series order. z-score: |x − mean|/sd &gt; 3 with the sample standard
     * deviation, score (x − mean)/sd. IQR: x outside [q1 − 1.5·IQR, q3 + 1.5·IQR] with R's
     * {@code quantile(type = 7)}, score the distance beyond the nearer quartile in IQRs (beyond ±1.5).
     * MAD: 0.6745·(x − median)/MAD with MAD = R's {@code mad(x, constant = 1)}, |score| &gt; 3.5.
     *
     * <p>The rules are applied literally in IEEE arithmetic: a constant series flags nothing by z-score
     * (0/0); when the IQR or the MAD is 0 every value off the quartiles or the median is flagged with an
     * infinite score.
     *
     * @param points in time order; equal times are allowed
     * @throws IllegalArgumentException for fewer than 4 points, non-finite values or times out of order
     */
    public static Anomalies anomalies(List<SeriesPoint> points) {
        Series.require(points, 4, "anomaly detection", false);
        int n = points.size();
        double[] values = Series.values(points);
        double mean = StatUtils.mean(values);
        double sd = Math.sqrt(StatUtils.variance(values, mean));
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double q1 = quantileType7(sorted, 0.25);
        double q3 = quantileType7(sorted, 0.75);
        double median = medianOfSorted(sorted);
        double[] deviations = new double[n];
        for (int i = 0; i < n; i++) {
            deviations[i] = Math.abs(values[i] - median);
        }
        Arrays.sort(deviations);
        double madRaw = medianOfSorted(deviations);

        double iqr = q3 - q1;
        double low = q1 - IQR_FENCE * iqr;
        double high = q3 + IQR_FENCE * iqr;
        List<Anomaly> byZ = new ArrayList<>();
        List<Anomaly> byIqr = new ArrayList<>();
        List<Anomaly> byMad = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double x = values[i];
            Instant time = points.get(i).time();
            double z = (x - mean) / sd;
            if (Math.abs(z) > Z_LIMIT) {
                byZ.add(new Anomaly(i, time, x, z));
            }
            if (x < low) {
                byIqr.add(new Anomaly(i, time, x, (x - q1) / iqr));
            } else if (x > high) {
                byIqr.add(new Anomaly(i, time, x, (x - q3) / iqr));
            }
            double modified = MAD_FACTOR * (x - median) / madRaw;
            if (Math.abs(modified) > MAD_LIMIT) {
                byMad.add(new Anomaly(i, time, x, modified));
            }
        }
        return new Anomalies(byZ, byIqr, byMad, mean, sd, q1, median, q3, madRaw);
    }

    /** R's {@code quantile(x, p, type = 7)} of sorted values, in R's order of operations. */
    static double quantileType7(double[] sorted, double p) {
        double index = 1 + (sorted.length - 1) * p;
        int lo = (int) Math.floor(index);
        int hi = (int) Math.ceil(index);
        double q = sorted[lo - 1];
        double h = index - lo;
        return index > lo && sorted[hi - 1] != q ? (1 - h) * q + h * sorted[hi - 1] : q;
    }

    /** R's {@code median}: the middle value, or the mean of the two middle values. */
    static double medianOfSorted(double[] sorted) {
        int n = sorted.length;
        int half = (n + 1) / 2;
        return n % 2 == 1 ? sorted[half - 1] : (sorted[half - 1] + sorted[half]) / 2;
    }
}
