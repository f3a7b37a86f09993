package io.promptwatch.statistics.control;

/**
 * Comparing success rates: the two-proportion z-test with a Wald interval for a control and a variant,
 * Pearson's chi-square test of homogeneity for two or more groups, and Cohen's h for the size of a
 * difference. Results agree with R's {@code prop.test(..., correct = FALSE)} and
 * {@code chisq.test(..., correct = FALSE)}; the reference values are in the tests.
 */
public final class ProportionTests {

    private ProportionTests() {
    }

    /** {@link #twoProportions(long, long, long, long, double)} with a 95 % confidence interval. */
    public static ProportionResult twoProportions(long successesControl, long nControl, long successesVariant,
                                                  long nVariant) {
        return twoProportions(successesControl, nControl, successesVariant, nVariant, TwoSampleTests.DEFAULT_CONFIDENCE);
    }

    /**
     * The two-sided two-proportion z-test of variant against control with the pooled rate and no
     * continuity correction (z² is R's {@code prop.test(c(sv, sc), c(nv, nc), correct = FALSE)$statistic}),
     * and the Wald interval of the difference variant − control, clipped to [−1, 1] as R does.
     *
     * <p>When both groups are all successes or all failures there is no variation to test: z is 0,
     * the p-value 1 and the interval [0, 0] (R answers NaN here).
     *
     * @throws IllegalArgumentException if a group is empty, successes are negative or exceed their group,
     *                                  or confidence is not in (0, 1)
     */
    public static ProportionResult twoProportions(long successesControl, long nControl, long successesVariant,
                                                  long nVariant, double confidence) {
        requireCounts("successesControl", successesControl, "nControl", nControl);
        requireCounts("successesVariant", successesVariant, "nVariant", nVariant);
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), was " + confidence);
        }
        double rateC = (double) successesControl / nControl;
        double rateV = (double) successesVariant / nVariant;
        double difference = rateV - rateC;
        double pooled = (double) (successesControl + successesVariant) / ((double) nControl + nVariant);
        double pooledVariance = pooled * (1 - pooled) * (1.0 / nControl + 1.0 / nVariant);
        if (pooledVariance == 0) {
            return new ProportionResult(successesControl, nControl, successesVariant, nVariant, rateC, rateV,
                    difference, 0.0, 1.0, 0.0, 0.0);
        }
        double z = difference / Math.sqrt(pooledVariance);
        double p = Distributions.normalTwoSided(z);
        double margin = -Distributions.normalQuantile((1 - confidence) / 2)
                * Math.sqrt(rateC * (1 - rateC) / nControl + rateV * (1 - rateV) / nVariant);
        return new ProportionResult(successesControl, nControl, successesVariant, nVariant, rateC, rateV,
                difference, z, p, Math.max(difference - margin, -1.0), Math.min(difference + margin, 1.0));
    }

    /**
     * Cohen's h, the difference of arcsine-transformed rates: 2·asin(√rateVariant) − 2·asin(√rateControl).
     *
     * @throws IllegalArgumentException if a rate is not in [0, 1]
     */
    public static double cohensH(double rateControl, double rateVariant) {
        requireRate("rateControl", rateControl);
        requireRate("rateVariant", rateVariant);
        return 2 * Math.asin(Math.sqrt(rateVariant)) - 2 * Math.asin(Math.sqrt(rateControl));
    }

    /**
     * Pearson's chi-square test that two or more groups share one success rate, on the groups ×
     * (successes, failures) table without continuity correction, as R's
     * {@code chisq.test(cbind(successes, totals - successes), correct = FALSE)}; df = groups − 1.
     *
     * <p>When every group is all successes or all failures the rates are equal and there is nothing to
     * test: the statistic is 0 and the p-value 1 (R answers NaN here).
     *
     * @throws IllegalArgumentException if fewer than two groups are given, the arrays differ in length,
     *                                  a group is empty, or its successes are negative or exceed its total
     */
    public static ChiSquareResult homogeneity(long[] successes, long[] totals) {
        if (successes == null || totals == null) {
            throw new IllegalArgumentException("successes and totals must not be null");
        }
        if (successes.length != totals.length) {
            throw new IllegalArgumentException("successes and totals must have one entry per group, have "
                    + successes.length + " and " + totals.length);
        }
        int groups = successes.length;
        if (groups < 2) {
            throw new IllegalArgumentException("successes and totals need at least 2 groups, have " + groups);
        }
        double allSuccesses = 0;
        double all = 0;
        for (int i = 0; i < groups; i++) {
            requireCounts("successes[" + i + "]", successes[i], "totals[" + i + "]", totals[i]);
            allSuccesses += successes[i];
            all += totals[i];
        }
        int df = groups - 1;
        double allFailures = all - allSuccesses;
        if (allSuccesses == 0 || allFailures == 0) {
            return new ChiSquareResult(0.0, df, 1.0);
        }
        double statistic = 0;
        for (int i = 0; i < groups; i++) {
            double expectedSuccesses = totals[i] * allSuccesses / all;
            double expectedFailures = totals[i] * allFailures / all;
            double ds = successes[i] - expectedSuccesses;
            double dfail = (totals[i] - successes[i]) - expectedFailures;
            statistic += ds * ds / expectedSuccesses + dfail * dfail / expectedFailures;
        }
        return new ChiSquareResult(statistic, df, Distributions.chiSquareUpper(statistic, df));
    }

    private static void requireCounts(String successesName, long successes, String totalName, long total) {
        if (total < 1) {
            throw new IllegalArgumentException(totalName + " must be at least 1, was " + total);
        }
        if (successes < 0 || successes > total) {
            throw new IllegalArgumentException(successesName + " must be in [0, " + totalName + "], was " + successes
                    + " of " + total);
        }
    }

    private static void requireRate(String name, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], was " + rate);
        }
    }
}
