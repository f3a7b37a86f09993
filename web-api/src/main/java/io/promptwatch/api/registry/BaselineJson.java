package io.promptwatch.api.registry;

import io.promptwatch.registry.entity.Baseline;

/** A version's performance baseline, as sent and as answered. */
public record BaselineJson(Double predictedQuality, Double expectedAccuracy, Double latencyP50Ms, Double latencyP95Ms,
                           Double tokensAvg, Integer tokensMax, Double consistencyTarget) {

    static BaselineJson of(Baseline b) {
        return b == null ? null : new BaselineJson(b.predictedQuality(), b.expectedAccuracy(), b.latencyP50Ms(),
                b.latencyP95Ms(), b.tokensAvg(), b.tokensMax(), b.consistencyTarget());
    }

    Baseline toBaseline() {
        return new Baseline(predictedQuality, expectedAccuracy, latencyP50Ms, latencyP95Ms, tokensAvg, tokensMax,
                consistencyTarget);
    }
}
