package io.promptwatch.statistics.control;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Erf;
import org.apache.commons.math3.special.Gamma;

/**
 * The tail probabilities and quantiles the tests need, written so that small p-values keep their
 * relative precision (an upper tail is computed directly, never as 1 − lower tail).
 */
public final class Distributions {

    private static final double SQRT2 = Math.sqrt(2.0);
    /** Absolute accuracy of Commons Math's quantile search; a Newton step then polishes the result. */
    private static final double QUANTILE_ACCURACY = 1e-13;
    private static final int MAX_NEWTON_STEPS = 8;
    /** Degrees of freedom above which R, and this class, approximate Student's t by the normal. */
    static final double LARGE_DF = 4e5;

    private Distributions() {
    }

    /** P(Z ≤ z) for a standard normal Z. */
    public static double normalCdf(double z) {
        return 0.5 * Erf.erfc(-z / SQRT2);
    }

    /** P(|Z| ≥ |z|) for a standard normal Z. */
    static double normalTwoSided(double z) {
        return Erf.erfc(Math.abs(z) / SQRT2);
    }

    /** The z with P(Z ≤ z) = p. */
    public static double normalQuantile(double p) {
        return p < 0.5 ? -SQRT2 * Erf.erfcInv(2 * p) : SQRT2 * Erf.erfcInv(2 * (1 - p));
    }

    /**
     * P(|T| ≥ |t|) for Student's t with df degrees of freedom (df may be fractional). Above
     * {@value #LARGE_DF} degrees of freedom the incomplete beta function loses precision, and R switches
     * to the normal approximation of Abramowitz &amp; Stegun 26.7.8 (error O(df⁻²)); so does this.
     */
    static double studentTwoSided(double t, double df) {
        if (t == 0) {
            return 1.0;
        }
        if (df > LARGE_DF) {
            return normalTwoSided(t * (1 - 1 / (4 * df)) / Math.sqrt(1 + t * t / (2 * df)));
        }
        return Beta.regularizedBeta(df / (df + t * t), 0.5 * df, 0.5);
    }

    /**
     * The q with P(T ≥ q) = upperTail, for 0 &lt; upperTail ≤ 0.5 (R's {@code qt(upperTail, df, lower.tail = FALSE)}):
     * a start from Commons Math (or the normal quantile for large df) polished by Newton steps on
     * {@link #studentTwoSided}, so that quantile and tail probability agree to rounding.
     */
    public static double studentUpperQuantile(double upperTail, double df) {
        var distribution = new TDistribution((RandomGenerator) null, df, QUANTILE_ACCURACY);
        double q = df > LARGE_DF ? -normalQuantile(upperTail) : -distribution.inverseCumulativeProbability(upperTail);
        for (int step = 0; step < MAX_NEWTON_STEPS && q > 0 && Double.isFinite(q); step++) {
            double density = df > LARGE_DF ? Math.exp(-0.5 * q * q) / Math.sqrt(2 * Math.PI) : distribution.density(q);
            if (!(density > 0)) {
                break;
            }
            double next = q + (0.5 * studentTwoSided(q, df) - upperTail) / density;
            if (!Double.isFinite(next) || next <= 0) {
                break;
            }
            boolean converged = Math.abs(next - q) <= 1e-15 * q;
            q = next;
            if (converged) {
                break;
            }
        }
        return q;
    }

    /** P(X ≥ x) for a chi-square X with df degrees of freedom. */
    static double chiSquareUpper(double x, int df) {
        return x <= 0 ? 1.0 : Gamma.regularizedGammaQ(0.5 * df, 0.5 * x);
    }

    /**
     * P(X ≥ f) for Fisher's F with d1 and d2 degrees of freedom (R's {@code pf(f, d1, d2, lower.tail = FALSE)}),
     * through the incomplete beta function so that a small upper tail keeps its relative precision; NaN for
     * a NaN f.
     */
    static double fisherUpper(double f, double d1, double d2) {
        if (Double.isNaN(f)) {
            return Double.NaN;
        }
        if (f <= 0) {
            return 1.0;
        }
        if (f == Double.POSITIVE_INFINITY) {
            return 0.0;
        }
        // P(X ≥ f) = I_x(d2/2, d1/2) with x = d2/(d2 + d1·f); Commons Math evaluates the continued fraction
        // directly where the result is small and switches to the complement only where it is not.
        return Beta.regularizedBeta(d2 / (d2 + d1 * f), 0.5 * d2, 0.5 * d1);
    }
}
