package io.promptwatch.statistics.control;

import java.util.Arrays;
import org.apache.commons.math3.stat.StatUtils;

/**
 * Comparing a continuous metric (quality score, latency, cost) between a control and a variant:
 * Welch's t-test where means are the question, the Mann–Whitney rank test where the scores are not
 * normal, and Cohen's d for the size of the difference. Results agree with R's {@code t.test} and
 * {@code wilcox.test}; the reference values are in the tests.
 */
public final class TwoSampleTests {

    /** The confidence of an interval when none is given. */
    public static final double DEFAULT_CONFIDENCE = 0.95;

    private TwoSampleTests() {
    }

    /** {@link #welch(double[], double[], double)} with a 95 % confidence interval. */
    public static WelchResult welch(double[] control, double[] variant) {
        return welch(control, variant, DEFAULT_CONFIDENCE);
    }

    /**
     * Welch's two-sided t-test of variant against control with unequal variances. The difference and
     * its interval are variant − control; t and the p-value equal R's
     * {@code t.test(variant, control, var.equal = FALSE, conf.level = confidence)}.
     *
     * @throws IllegalArgumentException if a group has fewer than 2 values or a non-finite one, both
     *                                  groups have zero variance, or confidence is not in (0, 1)
     */
    public static WelchResult welch(double[] control, double[] variant, double confidence) {
        requireSample("control", control, 2);
        requireSample("variant", variant, 2);
        requireProbability("confidence", confidence);
        int nc = control.length;
        int nv = variant.length;
        double meanC = StatUtils.mean(control);
        double meanV = StatUtils.mean(variant);
        double varC = StatUtils.variance(control, meanC);
        double varV = StatUtils.variance(variant, meanV);
        if (varC == 0 && varV == 0) {
            throw new IllegalArgumentException("control and variant both have zero variance; a t-test is undefined");
        }
        double seC2 = varC / nc;
        double seV2 = varV / nv;
        double se2 = seC2 + seV2;
        double se = Math.sqrt(se2);
        double difference = meanV - meanC;
        double t = difference / se;
        double df = se2 * se2 / (seC2 * seC2 / (nc - 1) + seV2 * seV2 / (nv - 1));
        double p = Distributions.studentTwoSided(t, df);
        double margin = Distributions.studentUpperQuantile((1 - confidence) / 2, df) * se;
        return new WelchResult(nc, nv, meanC, meanV, Math.sqrt(varC), Math.sqrt(varV), difference, t, df, p,
                difference - margin, difference + margin);
    }

    /**
     * The two-sided Mann–Whitney (Wilcoxon rank-sum) test by the normal approximation with tie and
     * continuity correction, as R's {@code wilcox.test(control, variant, exact = FALSE, correct = TRUE)}.
     *
     * @throws IllegalArgumentException if a group is empty or holds a non-finite value, or all values are tied
     */
    public static MannWhitneyResult mannWhitney(double[] control, double[] variant) {
        requireSample("control", control, 1);
        requireSample("variant", variant, 1);
        int nc = control.length;
        int nv = variant.length;
        int n = nc + nv;
        // Ranks by one walk over both samples sorted (primitive sorts: boxing an index array and
        // sorting it with a comparator took most of a 100,000-per-arm comparison).
        double[] c = control.clone();
        double[] v = variant.clone();
        Arrays.sort(c);
        Arrays.sort(v);
        double rankSumControl = 0;
        double tieTerm = 0;
        int below = 0;
        for (int i = 0, j = 0; i < nc || j < nv; ) {
            double value = j == nv || (i < nc && c[i] <= v[j]) ? c[i] : v[j];
            int tiedControl = 0;
            while (i < nc && c[i] == value) {
                i++;
                tiedControl++;
            }
            int tiedVariant = 0;
            while (j < nv && v[j] == value) {
                j++;
                tiedVariant++;
            }
            double ties = tiedControl + tiedVariant;
            rankSumControl += tiedControl * (below + (ties + 1) / 2.0);
            tieTerm += ties * ties * ties - ties;
            below += tiedControl + tiedVariant;
        }
        double w = rankSumControl - (double) nc * (nc + 1) / 2.0;
        double sigma = Math.sqrt((double) nc * nv / 12.0 * ((n + 1) - tieTerm / ((double) n * (n - 1))));
        if (!(sigma > 0)) {
            throw new IllegalArgumentException("all values of control and variant are tied; there are no ranks to compare");
        }
        double centred = w - (double) nc * nv / 2.0;
        double z = (centred - Math.signum(centred) * 0.5) / sigma;
        return new MannWhitneyResult(w, z, Math.min(1.0, Distributions.normalTwoSided(z)));
    }

    /**
     * Cohen's d: (mean of variant − mean of control) divided by the pooled standard deviation, the
     * groups' variances weighted by n − 1.
     *
     * @throws IllegalArgumentException if a group has fewer than 2 values or a non-finite one, or the pooled
     *                                  standard deviation is zero
     */
    public static double cohensD(double[] control, double[] variant) {
        requireSample("control", control, 2);
        requireSample("variant", variant, 2);
        double meanC = StatUtils.mean(control);
        double meanV = StatUtils.mean(variant);
        double pooled = ((control.length - 1) * StatUtils.variance(control, meanC)
                + (variant.length - 1) * StatUtils.variance(variant, meanV))
                / (control.length + variant.length - 2);
        if (pooled == 0) {
            throw new IllegalArgumentException("control and variant both have zero variance; Cohen's d is undefined");
        }
        return (meanV - meanC) / Math.sqrt(pooled);
    }

    private static void requireSample(String name, double[] values, int minimumSize) {
        if (values == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (values.length < minimumSize) {
            throw new IllegalArgumentException(name + " needs at least " + minimumSize + " value(s), has " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] must be a finite number, was " + values[i]);
            }
        }
    }

    private static void requireProbability(String name, double value) {
        if (!(value > 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be in (0, 1), was " + value);
        }
    }
}
