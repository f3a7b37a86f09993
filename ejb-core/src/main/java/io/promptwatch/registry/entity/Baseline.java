package io.promptwatch.registry.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** The performance a version is expected to reach; alert rules compare observations with it. */
@Embeddable
public class Baseline {

    @Column(name = "predicted_quality")
    private Double predictedQuality;
    @Column(name = "expected_accuracy")
    private Double expectedAccuracy;
    @Column(name = "latency_p50_ms")
    private Double latencyP50Ms;
    @Column(name = "latency_p95_ms")
    private Double latencyP95Ms;
    @Column(name = "tokens_avg")
    private Double tokensAvg;
    @Column(name = "tokens_max")
    private Integer tokensMax;
    @Column(name = "consistency_target")
    private Double consistencyTarget;

    protected Baseline() {
    }

    public Baseline(Double predictedQuality, Double expectedAccuracy, Double latencyP50Ms, Double latencyP95Ms,
                    Double tokensAvg, Integer tokensMax, Double consistencyTarget) {
        this.predictedQuality = predictedQuality;
        this.expectedAccuracy = expectedAccuracy;
        this.latencyP50Ms = latencyP50Ms;
        this.latencyP95Ms = latencyP95Ms;
        this.tokensAvg = tokensAvg;
        this.tokensMax = tokensMax;
        this.consistencyTarget = consistencyTarget;
    }

    public Double predictedQuality() {
        return predictedQuality;
    }

    public Double expectedAccuracy() {
        return expectedAccuracy;
    }

    public Double latencyP50Ms() {
        return latencyP50Ms;
    }

    public Double latencyP95Ms() {
        return latencyP95Ms;
    }

    public Double tokensAvg() {
        return tokensAvg;
    }

    public Integer tokensMax() {
        return tokensMax;
    }

    public Double consistencyTarget() {
        return consistencyTarget;
    }
}
