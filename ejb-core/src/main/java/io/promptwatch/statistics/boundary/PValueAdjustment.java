package io.promptwatch.statistics.boundary;

import java.util.stream.IntStream;

/**
 * Multiple-comparison correction when several variants are tested against one control: Holm's
 * step-down method controls the family-wise error rate, Benjamini–Hochberg the false discovery rate.
 * Both return adjusted p-values in the order given, equal to R's {@code p.adjust(p, "holm")} and
 * {@code p.adjust(p, "BH")}.
 */
public final class PValueAdjustment {

    private PValueAdjustment() {
    }

    /**
     * Holm's adjusted p-values: the i-th smallest of m is multiplied by m − i + 1, made non-decreasing
     * in that order, and capped at 1.
     *
     * @throws IllegalArgumentException if no p-values are given or one is not in [0, 1]
     */
    public static double[] holm(double[] pValues) {
        int[] ascending = ascendingOrder(pValues);
        int m = pValues.length;
        double[] adjusted = new double[m];
        double running = 0;
        for (int i = 0; i < m; i++) {
            int index = ascending[i];
            running = Math.max(running, (m - i) * pValues[index]);
            adjusted[index] = Math.min(1.0, running);
        }
        return adjusted;
    }

    /**
     * Benjamini–Hochberg adjusted p-values: the i-th smallest of m is multiplied by m / i, made
     * non-increasing from the largest down, and capped at 1.
     *
     * @throws IllegalArgumentException if no p-values are given or one is not in [0, 1]
     */
    public static double[] benjaminiHochberg(double[] pValues) {
        int[] ascending = ascendingOrder(pValues);
        int m = pValues.length;
        double[] adjusted = new double[m];
        double running = Double.POSITIVE_INFINITY;
        for (int i = m - 1; i >= 0; i--) {
            int index = ascending[i];
            running = Math.min(running, (double) m / (i + 1) * pValues[index]);
            adjusted[index] = Math.min(1.0, running);
        }
        return adjusted;
    }

    /** The indexes of the p-values from smallest to largest, ties in input order, after checking them. */
    private static int[] ascendingOrder(double[] pValues) {
        if (pValues == null || pValues.length == 0) {
            throw new IllegalArgumentException("pValues must hold at least 1 p-value");
        }
        for (int i = 0; i < pValues.length; i++) {
            if (!(pValues[i] >= 0 && pValues[i] <= 1)) {
                throw new IllegalArgumentException("pValues[" + i + "] must be in [0, 1], was " + pValues[i]);
            }
        }
        return IntStream.range(0, pValues.length).boxed()
                .sorted((i, j) -> Double.compare(pValues[i], pValues[j]))
                .mapToInt(Integer::intValue)
                .toArray();
    }
}
