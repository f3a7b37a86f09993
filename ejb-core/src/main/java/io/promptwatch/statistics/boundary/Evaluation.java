package io.promptwatch.statistics.boundary;

import io.promptwatch.statistics.entity.Decision;
import java.util.List;

/**
 * An experiment as it stands: samples per arm, progress to the planned size, and for each variant
 * the always-valid (mSPRT) comparison with the control, Holm-adjusted over the variants.
 */
public record Evaluation(String method, List<ArmState> arms, List<VariantResult> variants, double progress,
                         Decision decision, String winner) {

    /** One arm's data so far: n, and the mean (continuous) or rate (success). */
    public record ArmState(String version, double weight, long n, Double mean, Double rate, double progress) {
    }

    /** A variant against the control at this look. */
    public record VariantResult(String version, double difference, double ciLow, double ciHigh, double likelihoodRatio,
                                double pValue, double pValueHolm, boolean significant, boolean better) {
    }
}
