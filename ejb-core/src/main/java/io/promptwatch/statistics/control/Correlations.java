package io.promptwatch.statistics.control;

import java.util.Arrays;
import org.apache.commons.math3.stat.StatUtils;

/**
 * How strongly a record feature (latency, tokens, temperature, difficulty, …) moves with success or
 * quality, and whether that could be chance: Pearson's r for a linear relation, Spearman's rho for a
 * monotone one (robust to outliers and ordinal ratings). Results agree with R's {@code cor.test}; the
 * reference values are in the tests.
 */
public final class Correlations {

    /** The fewest pairs for which a correlation has a test (n − 2 ≥ 1 degrees of freedom). */
    public static final int MINIMUM_PAIRS = 3;

    private Correlations() {
    }

    /**
     * Pearson's correlation with its two-sided t-test and a Fisher-z interval at the given confidence,
     * as R's {@code cor.test(x, y, method = "pearson", conf.level = confidence)}. The interval needs
     * n ≥ 4; with 3 pairs its bounds are NaN.
     *
     * @throws IllegalArgumentException if x or y is null, their lengths differ, there are fewer than 3 pairs,
     *                                  a value is not finite, x or y is constant, or confidence is not in (0, 1)
     */
    public static PearsonResult pearson(double[] x, double[] y, double confidence) {
        requirePairs(x, y);
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), was " + confidence);
        }
        int n = x.length;
        double r = correlation(x, y);
        double df = n - 2;
        double t = Math.sqrt(df) * r / Math.sqrt(1 - r * r);
        double p = Distributions.studentTwoSided(t, df);
        double low = Double.NaN;
        double high = Double.NaN;
        if (n > 3) {
            double z = 0.5 * Math.log((1 + r) / (1 - r)); // atanh(r)
            double margin = -Distributions.normalQuantile((1 - confidence) / 2) / Math.sqrt(n - 3);
            low = Math.tanh(z - margin);
            high = Math.tanh(z + margin);
        }
        return new PearsonResult(n, r, t, df, p, low, high);
    }

    /**
     * Spearman's rank correlation, ties ranked by their average, with the two-sided p-value of R's
     * large-sample t approximation, as R's {@code cor.test(x, y, method = "spearman", exact = FALSE)}.
     *
     * @throws IllegalArgumentException if x or y is null, their lengths differ, there are fewer than 3 pairs,
     *                                  a value is not finite, or x or y is constant
     */
    public static SpearmanResult spearman(double[] x, double[] y) {
        requirePairs(x, y);
        return spearmanOfRanks(averageRanks(x), averageRanks(y));
    }

    /**
     * {@link #spearman} from the {@link #averageRanks} of x and y, for callers that rank a column
     * once and correlate it with several others.
     */
    public static SpearmanResult spearmanOfRanks(double[] xRanks, double[] yRanks) {
        requirePairs(xRanks, yRanks);
        int n = xRanks.length;
        double rho = correlation(xRanks, yRanks);
        double nCubedMinusN = (double) n * ((double) n * n - 1);
        double s = nCubedMinusN * (1 - rho) / 6;
        // R recomputes the correlation from S before the t approximation; so does this
        double fromS = 1 - s / (nCubedMinusN / 6);
        double t = fromS / Math.sqrt((1 - fromS * fromS) / (n - 2));
        double p = Math.min(1.0, Distributions.studentTwoSided(t, n - 2));
        return new SpearmanResult(n, rho, s, p);
    }

    /** The sample correlation from centred sums (two-pass means), clamped to [−1, 1] as R's {@code cor}. */
    private static double correlation(double[] x, double[] y) {
        double meanX = StatUtils.mean(x);
        double meanY = StatUtils.mean(y);
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        for (int i = 0; i < x.length; i++) {
            double dx = x[i] - meanX;
            double dy = y[i] - meanY;
            sxx += dx * dx;
            syy += dy * dy;
            sxy += dx * dy;
        }
        if (sxx == 0) {
            throw new IllegalArgumentException("x is constant; a correlation is undefined");
        }
        if (syy == 0) {
            throw new IllegalArgumentException("y is constant; a correlation is undefined");
        }
        double r = sxy / (Math.sqrt(sxx) * Math.sqrt(syy));
        return Math.max(-1.0, Math.min(1.0, r));
    }

    /** Ranks 1..n, tied values sharing the average of their ranks (R's {@code rank}, ties.method "average"). */
    public static double[] averageRanks(double[] values) {
        int n = values.length;
        int[] order = orderOf(values);
        double[] rank = new double[n];
        for (int start = 0; start < n; ) {
            int end = start;
            while (end + 1 < n && values[order[end + 1]] == values[order[start]]) {
                end++;
            }
            double averageRank = (start + end) / 2.0 + 1.0;
            for (int k = start; k <= end; k++) {
                rank[order[k]] = averageRank;
            }
            start = end + 1;
        }
        return rank;
    }

    /**
     * The indexes of {@code values} in ascending order of value, equal values in index order: an LSD
     * radix sort (16-bit digits) of the values' order-preserving bit patterns, −0.0 counted as 0.0.
     * Sorting boxed indexes with a comparator, or an indirect merge sort, took most of a
     * 100,000-record correlation.
     */
    static int[] orderOf(double[] values) {
        int n = values.length;
        long[] keys = new long[n];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            long bits = Double.doubleToLongBits(values[i] == 0 ? 0.0 : values[i]);
            keys[i] = bits ^ ((bits >> 63) | Long.MIN_VALUE); // negatives reversed, below the positives
            order[i] = i;
        }
        long[] keysOut = new long[n];
        int[] orderOut = new int[n];
        int[] count = new int[1 << 16];
        for (int shift = 0; shift < 64; shift += 16) {
            Arrays.fill(count, 0);
            for (long key : keys) {
                count[(int) (key >>> shift) & 0xFFFF]++;
            }
            if (n > 0 && count[(int) (keys[0] >>> shift) & 0xFFFF] == n) {
                continue; // every key has this digit: the pass would change nothing
            }
            for (int d = 0, sum = 0; d < count.length; d++) {
                int c = count[d];
                count[d] = sum;
                sum += c;
            }
            for (int i = 0; i < n; i++) {
                int at = count[(int) (keys[i] >>> shift) & 0xFFFF]++;
                keysOut[at] = keys[i];
                orderOut[at] = order[i];
            }
            long[] k = keys;
            keys = keysOut;
            keysOut = k;
            int[] o = order;
            order = orderOut;
            orderOut = o;
        }
        return order;
    }

    private static void requirePairs(double[] x, double[] y) {
        if (x == null || y == null) {
            throw new IllegalArgumentException((x == null ? "x" : "y") + " must not be null");
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y must have the same length, have " + x.length + " and " + y.length);
        }
        if (x.length < MINIMUM_PAIRS) {
            throw new IllegalArgumentException("a correlation test needs at least " + MINIMUM_PAIRS + " pairs, has " + x.length);
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException("x[" + i + "] must be a finite number, was " + x[i]);
            }
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException("y[" + i + "] must be a finite number, was " + y[i]);
            }
        }
    }
}
