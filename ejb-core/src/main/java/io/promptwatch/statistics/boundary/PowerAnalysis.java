package io.promptwatch.statistics.boundary;

import io.promptwatch.statistics.control.Distributions;
import io.promptwatch.statistics.control.NoncentralT;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.exception.MathIllegalStateException;

/**
 * How many observations an experiment needs per group to detect a given effect, and how likely a
 * given number of observations is to detect it, for two-sided two-sample tests: the t-test on means
 * (power from the noncentral t, as R's {@code power.t.test}) and the z-test on proportions (as R's
 * {@code power.prop.test}). Like R's default ({@code strict = FALSE}), power counts rejections in the
 * direction of the effect only.
 */
public final class PowerAnalysis {

    /**
     * A sample size per group: the exact solution of power(n) = target, and the whole number of
     * observations to collect, {@code ceil(exact)}.
     */
    public record SampleSize(double exact, long perGroup) {

        static SampleSize of(double exact) {
            return new SampleSize(exact, (long) Math.ceil(exact));
        }
    }

    /** The search for n starts in R's interval [2, 10⁷] and widens upwards to at most this. */
    private static final double MAX_SAMPLE_SIZE = 1e15;
    private static final double INITIAL_UPPER = 1e7;
    private static final double RELATIVE_ACCURACY = 1e-14;
    private static final double ABSOLUTE_ACCURACY = 1e-11;
    private static final int MAX_EVALUATIONS = 1000;
    /** How far from the target the power at a found root may be before the root is not believed. */
    private static final double ROOT_CHECK = 1e-8;

    private PowerAnalysis() {
    }

    /**
     * The sample size per group at which a two-sided two-sample t-test at level alpha detects a
     * difference of means delta with standard deviation sd with the given power: the root of
     * {@link #powerForMeans} = power, as R's
     * {@code power.t.test(delta =, sd =, sig.level =, power =)$n} (which R finds only to about 10⁻⁴;
     * this root is exact to about 10⁻¹⁰). Very large effects give an exact size below 2, as in R.
     *
     * @throws IllegalArgumentException if delta is 0 or not finite, sd is not positive and finite, alpha
     *                                  or power is not in (0, 1), delta/sd is not finite, or the answer
     *                                  lies outside what can be computed (above 10¹⁵, or so close to 1 per
     *                                  group that the noncentral t series fails)
     */
    public static SampleSize forMeans(double delta, double sd, double alpha, double power) {
        requireDelta(delta);
        requireSd(sd);
        requireProbability("alpha", alpha);
        requireProbability("power", power);
        double effect = Math.abs(delta) / sd;
        if (!Double.isFinite(effect)) {
            throw new IllegalArgumentException("delta/sd must be finite, was " + delta + "/" + sd);
        }
        var solver = new BrentSolver(RELATIVE_ACCURACY, ABSOLUTE_ACCURACY);
        double lower = 2;
        double upper = INITIAL_UPPER;
        if (meansPower(lower, effect, alpha) > power) {
            // a large effect: the root lies in (1, 2), where the degrees of freedom 2(n − 1) go to 0 and power with them
            upper = lower;
            do {
                lower = 1 + (lower - 1) / 2;
                if (lower - 1 < 1e-12) {
                    throw new IllegalArgumentException("delta/sd = " + effect + " is too large to size an experiment");
                }
            } while (meansPower(lower, effect, alpha) > power);
        } else {
            while (meansPower(upper, effect, alpha) < power) {
                lower = upper;
                upper *= 10;
                if (upper > MAX_SAMPLE_SIZE) {
                    throw new IllegalArgumentException("delta/sd = " + effect + " is too small: more than "
                            + MAX_SAMPLE_SIZE + " observations per group would be needed");
                }
            }
        }
        double n;
        try {
            n = solver.solve(MAX_EVALUATIONS, x -> meansPower(x, effect, alpha) - power, lower, upper);
        } catch (MathIllegalStateException e) {
            throw new IllegalStateException("no sample size found for delta/sd = " + effect + ", alpha = " + alpha
                    + ", power = " + power, e);
        }
        if (Math.abs(meansPower(n, effect, alpha) - power) > ROOT_CHECK) {
            // only below about 1.05 per group, where 2(n − 1) < 0.1 degrees of freedom defeat the noncentral t series
            throw new IllegalArgumentException("power = " + power + " at alpha = " + alpha
                    + " would need fewer than 2 observations per group, where power cannot be computed reliably");
        }
        return SampleSize.of(n);
    }

    /**
     * The power of a two-sided two-sample t-test at level alpha with nPerGroup observations in each
     * group (may be fractional) against a difference of means delta with standard deviation sd, as R's
     * {@code power.t.test(n =, delta =, sd =, sig.level =)$power}.
     *
     * @throws IllegalArgumentException if nPerGroup is not above 1, delta is not finite, sd is not
     *                                  positive and finite, or alpha is not in (0, 1)
     */
    public static double powerForMeans(double nPerGroup, double delta, double sd, double alpha) {
        if (!(nPerGroup > 1) || Double.isInfinite(nPerGroup)) {
            throw new IllegalArgumentException("nPerGroup must be a finite number above 1, was " + nPerGroup);
        }
        if (!Double.isFinite(delta)) {
            throw new IllegalArgumentException("delta must be a finite number, was " + delta);
        }
        requireSd(sd);
        requireProbability("alpha", alpha);
        return meansPower(nPerGroup, Math.abs(delta) / sd, alpha);
    }

    /**
     * The sample size per group at which a two-sided two-proportion z-test at level alpha detects
     * rates p1 and p2 with the given power, as R's {@code power.prop.test(p1 =, p2 =, sig.level =, power =)$n}.
     * The normal approximation makes power(n) invertible, so this is the closed form
     * n = ((z<sub>α/2</sub>·√(2·p̄·q̄) + z<sub>power</sub>·√(p1·q1 + p2·q2)) / |p1 − p2|)² that R's root search approaches.
     *
     * @throws IllegalArgumentException if a rate is not in [0, 1], the rates are equal, alpha or power is
     *                                  not in (0, 1), or the power is reached without any observation
     */
    public static SampleSize forProportions(double p1, double p2, double alpha, double power) {
        requireRate("p1", p1);
        requireRate("p2", p2);
        if (p1 == p2) {
            throw new IllegalArgumentException("p1 and p2 must differ to size an experiment, both were " + p1);
        }
        requireProbability("alpha", alpha);
        requireProbability("power", power);
        double critical = -Distributions.normalQuantile(alpha / 2);
        double root = critical * Math.sqrt((p1 + p2) * (1 - (p1 + p2) / 2))
                + Distributions.normalQuantile(power) * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
        if (!(root > 0)) {
            throw new IllegalArgumentException("power = " + power + " is reached without any observation at alpha = "
                    + alpha + "; ask for more power");
        }
        double sqrtN = root / Math.abs(p1 - p2);
        return SampleSize.of(sqrtN * sqrtN);
    }

    /**
     * The power of a two-sided two-proportion z-test at level alpha with nPerGroup observations in each
     * group (may be fractional) when the rates are p1 and p2, as R's
     * {@code power.prop.test(n =, p1 =, p2 =, sig.level =)$power}.
     *
     * @throws IllegalArgumentException if nPerGroup is not positive and finite, a rate is not in [0, 1],
     *                                  or alpha is not in (0, 1)
     */
    public static double powerForProportions(double nPerGroup, double p1, double p2, double alpha) {
        if (!(nPerGroup > 0) || Double.isInfinite(nPerGroup)) {
            throw new IllegalArgumentException("nPerGroup must be a positive finite number, was " + nPerGroup);
        }
        requireRate("p1", p1);
        requireRate("p2", p2);
        requireProbability("alpha", alpha);
        double critical = -Distributions.normalQuantile(alpha / 2);
        double numerator = Math.sqrt(nPerGroup) * Math.abs(p1 - p2)
                - critical * Math.sqrt((p1 + p2) * (1 - (p1 + p2) / 2));
        double sd = Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
        if (sd == 0) {
            // both rates are 0 or 1: equal rates reject with probability alpha/2 (the limit), opposite ones surely
            return p1 == p2 ? alpha / 2 : (numerator >= 0 ? 1.0 : 0.0);
        }
        return Distributions.normalCdf(numerator / sd);
    }

    /** P(reject in the effect's direction) with 2(n − 1) degrees of freedom and noncentrality √(n/2)·effect. */
    private static double meansPower(double n, double effect, double alpha) {
        double df = 2 * Math.max(1e-7, n - 1);
        double critical = Distributions.studentUpperQuantile(alpha / 2, df);
        return NoncentralT.upperTail(critical, df, Math.sqrt(n / 2) * effect);
    }

    private static void requireDelta(double delta) {
        if (!Double.isFinite(delta) || delta == 0) {
            throw new IllegalArgumentException("delta must be a finite non-zero difference, was " + delta);
        }
    }

    private static void requireSd(double sd) {
        if (!(sd > 0) || Double.isInfinite(sd)) {
            throw new IllegalArgumentException("sd must be a positive finite number, was " + sd);
        }
    }

    private static void requireRate(String name, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], was " + rate);
        }
    }

    private static void requireProbability(String name, double value) {
        if (!(value > 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be in (0, 1), was " + value);
        }
    }
}
