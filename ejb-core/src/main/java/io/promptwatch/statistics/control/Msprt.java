package io.promptwatch.statistics.control;

import org.apache.commons.math3.stat.StatUtils;

/**
 * The mixture sequential probability ratio test (mSPRT; Johari, Pekelis and Walsh, "Always valid
 * inference", 2017/2022) for a difference between two groups, with a normal mixture N(0, tau^2)
 * over the true difference and the variance of the observed difference estimated from the data
 * (the large-sample form used for A/B testing: the difference is treated as normal with variance
 * var_c/n_c + var_v/n_v). Its p-value and confidence interval stay valid however often the data
 * are looked at: stopping at the first look where p < alpha keeps the false-positive rate at
 * alpha or below.
 */
public final class Msprt {

    /** One look: the mixture likelihood ratio, its always-valid p-value and confidence interval. */
    public record Look(double difference, double variance, double likelihoodRatio, double pValue, double ciLow, double ciHigh) {
    }

    private Msprt() {
    }

    /**
     * @param difference observed variant - control
     * @param variance   estimated variance of {@code difference}
     * @param tau        standard deviation of the mixing distribution (the effect size one expects,
     *                   here the experiment's minimum detectable effect)
     * @param alpha      significance level of the confidence interval
     */
    public static Look look(double difference, double variance, double tau, double alpha) {
        if (!(variance > 0) || Double.isInfinite(variance)) {
            throw new IllegalArgumentException("variance must be a positive number; got " + variance);
        }
        if (!(tau > 0) || Double.isInfinite(tau)) {
            throw new IllegalArgumentException("tau must be a positive number; got " + tau);
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must lie strictly between 0 and 1; got " + alpha);
        }
        double t2 = tau * tau;
        double logLambda = 0.5 * Math.log(variance / (variance + t2))
                + t2 * difference * difference / (2 * variance * (variance + t2));
        double p = Math.min(1, Math.exp(-logLambda));
        double halfWidth = Math.sqrt(variance * (variance + t2) / t2 * (2 * Math.log(1 / alpha) + Math.log((variance + t2) / variance)));
        return new Look(difference, variance, Math.exp(logLambda), p, difference - halfWidth, difference + halfWidth);
    }

    /** A look at two samples of a continuous metric (sample variances). */
    public static Look means(double[] control, double[] variant, double tau, double alpha) {
        if (control.length < 2 || variant.length < 2) {
            throw new IllegalArgumentException("each group needs at least 2 values; got " + control.length + " and " + variant.length);
        }
        return look(StatUtils.mean(variant) - StatUtils.mean(control),
                StatUtils.variance(control) / control.length + StatUtils.variance(variant) / variant.length, tau, alpha);
    }

    /** A look at two success counts. */
    public static Look proportions(long successesControl, long nControl, long successesVariant, long nVariant,
                                   double tau, double alpha) {
        if (nControl < 1 || nVariant < 1) {
            throw new IllegalArgumentException("each group needs at least 1 trial");
        }
        double pc = (double) successesControl / nControl;
        double pv = (double) successesVariant / nVariant;
        double variance = pc * (1 - pc) / nControl + pv * (1 - pv) / nVariant;
        if (variance == 0) {
            // Both groups all successes or all failures: fall back to the largest Bernoulli variance.
            variance = 0.25 / nControl + 0.25 / nVariant;
        }
        return look(pv - pc, variance, tau, alpha);
    }
}
