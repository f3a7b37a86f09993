package io.promptwatch.experiments.entity;

import io.promptwatch.problem.ProblemException;

/**
 * What an experiment is built to detect: the metric, alpha, power and the minimum detectable effect
 * (absolute: a rate difference for success, a difference in the metric's unit otherwise), with the
 * control's expected baseline rate (binary metric) or standard deviation (continuous metric) that
 * sizing it needs. A design that cannot be planned is refused here, before any planning.
 */
public record ExperimentDesign(String metric, boolean binary, double alpha, double power, double minimumDetectableEffect,
                               Double baselineRate, Double standardDeviation) {

    public static final double DEFAULT_ALPHA = 0.05;
    public static final double DEFAULT_POWER = 0.8;

    public ExperimentDesign {
        if (metric == null) {
            throw new IllegalArgumentException("metric is required");
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw ProblemException.invalid("alpha", "alpha must lie strictly between 0 and 1");
        }
        if (!(power > 0 && power < 1)) {
            throw ProblemException.invalid("power", "power must lie strictly between 0 and 1");
        }
        if (!(minimumDetectableEffect > 0) || Double.isInfinite(minimumDetectableEffect)) {
            throw missingEffect();
        }
        if (binary && (baselineRate == null || !(baselineRate > 0 && baselineRate < 1))) {
            throw ProblemException.invalid("baselineRate", "the success metric needs the control's expected baselineRate in (0, 1)");
        }
        if (!binary && (standardDeviation == null || !(standardDeviation > 0) || standardDeviation.isInfinite())) {
            throw ProblemException.invalid("standardDeviation", "a continuous metric needs its expected standardDeviation (> 0)");
        }
    }

    /** A design as declared: alpha and power may be left out for their defaults, the effect may not. */
    public static ExperimentDesign of(String metric, boolean binary, Double alpha, Double power, Double minimumDetectableEffect,
                                      Double baselineRate, Double standardDeviation) {
        if (minimumDetectableEffect == null) {
            throw missingEffect();
        }
        return new ExperimentDesign(metric, binary, alpha == null ? DEFAULT_ALPHA : alpha, power == null ? DEFAULT_POWER : power,
                minimumDetectableEffect, baselineRate, standardDeviation);
    }

    private static ProblemException missingEffect() {
        return ProblemException.invalid("minimumDetectableEffect", "a positive minimumDetectableEffect is required "
                + "(absolute: a rate difference for success, a difference in the metric's unit otherwise)");
    }
}
