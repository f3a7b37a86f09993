package io.promptwatch.statistics.control;

import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Gamma;

/**
 * The cumulative distribution of the noncentral t, which Commons Math lacks and power analysis needs.
 *
 * <p>Algorithm AS 243 (R. V. Lenth, Applied Statistics 38 (1989) 185–189): the twin Poisson-weighted
 * series of incomplete beta functions after Guenther (1978), with the refinements R's {@code pnt} made
 * to it (the accurate {@code 1 − x}, {@code expm1} for the remaining Poisson mass, and the normal
 * approximation of Abramowitz &amp; Stegun 26.7.10 for df &gt; 4·10⁵ or a noncentrality whose Poisson
 * weights would underflow), so that power figures agree with R's {@code pt(q, df, ncp)}.
 */
public final class NoncentralT {

    private static final int MAX_ITERATIONS = 1000;
    private static final double MAX_ERROR = 1e-12;
    private static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);
    private static final double LN_SQRT_PI = 0.5 * Math.log(Math.PI);
    /** Above this noncentrality squared, exp(−λ/2) underflows: 2·ln 2·1021, as in R. */
    private static final double MAX_LAMBDA = 2 * Math.log(2) * 1021;
    private static final double LARGE_DF = 4e5;

    private NoncentralT() {
    }

    /** P(T ≤ t) for a noncentral t with df &gt; 0 degrees of freedom and noncentrality ncp. */
    static double cdf(double t, double df, double ncp) {
        return probability(t, df, ncp, true);
    }

    /** P(T &gt; t), as R's {@code pt(t, df, ncp, lower.tail = FALSE)}. */
    public static double upperTail(double t, double df, double ncp) {
        return probability(t, df, ncp, false);
    }

    private static double probability(double t, double df, double ncp, boolean lowerTail) {
        if (!(df > 0) || Double.isNaN(t) || Double.isNaN(ncp)) {
            throw new IllegalArgumentException("df must be > 0 and t, ncp numbers: t=" + t + ", df=" + df + ", ncp=" + ncp);
        }
        if (ncp == 0) {
            double half = 0.5 * Distributions.studentTwoSided(t, df);
            return (t < 0) == lowerTail ? half : 1 - half;
        }
        if (Double.isInfinite(t)) {
            return (t < 0) == lowerTail ? 0.0 : 1.0;
        }
        boolean negated = t < 0;
        if (negated && ncp > 40) {
            // P(T ≤ t) ≤ P(T ≤ 0) = Φ(−ncp), which is 0 in double precision
            return lowerTail ? 0.0 : 1.0;
        }
        double tt = negated ? -t : t;
        double del = negated ? -ncp : ncp;
        boolean lower = lowerTail != negated;

        if (df > LARGE_DF || del * del > MAX_LAMBDA) {
            double s = 1.0 / (4.0 * df);
            double z = (tt * (1.0 - s) - del) / Math.sqrt(1.0 + tt * tt * 2.0 * s);
            return lower ? Distributions.normalCdf(z) : Distributions.normalCdf(-z);
        }

        double tnc = series(tt, df, del);
        tnc += Distributions.normalCdf(-del);
        tnc = Math.min(tnc, 1.0);
        return lower ? tnc : 0.5 - tnc + 0.5;
    }

    /** The twin series of AS 243 for t ≥ 0: P(0 &lt; T ≤ t), without the Φ(−δ) term. */
    private static double series(double t, double df, double del) {
        double t2 = t * t;
        double oneMinusX = df / (t2 + df);
        double x = t2 / (t2 + df);
        if (!(x > 0)) {
            return 0.0;
        }
        double lambda = del * del;
        double p = 0.5 * Math.exp(-0.5 * lambda);
        if (p == 0) {
            return 0.0;
        }
        double q = SQRT_2_OVER_PI * p * del;
        double s = 0.5 - p;
        if (s < 1e-7) {
            s = -0.5 * Math.expm1(-0.5 * lambda);
        }
        double a = 0.5;
        double b = 0.5 * df;
        double rxb = Math.pow(oneMinusX, b);
        double logBeta = LN_SQRT_PI + Gamma.logGamma(b) - Gamma.logGamma(0.5 + b);
        double xOdd = Beta.regularizedBeta(x, a, b);
        double gOdd = 2.0 * rxb * Math.exp(a * Math.log(x) - logBeta);
        double bx = b * x;
        double xEven = bx < Math.ulp(1.0) ? bx : 1.0 - rxb;
        double gEven = bx * rxb;
        double tnc = p * xOdd + q * xEven;

        for (int it = 1; it <= MAX_ITERATIONS; it++) {
            a += 1.0;
            xOdd -= gOdd;
            xEven -= gEven;
            gOdd *= x * (a + b - 1.0) / a;
            gEven *= x * (a + b - 0.5) / (a + 0.5);
            p *= lambda / (2 * it);
            q *= lambda / (2 * it + 1);
            tnc += p * xOdd + q * xEven;
            s -= p;
            if (s < -1e-10) {
                break; // rounding has eaten the remaining Poisson mass; more terms add only noise
            }
            if (s <= 0 && it > 1) {
                break;
            }
            double errorBound = 2.0 * s * (xOdd - gOdd);
            if (Math.abs(errorBound) < MAX_ERROR) {
                break;
            }
        }
        return tnc;
    }
}
