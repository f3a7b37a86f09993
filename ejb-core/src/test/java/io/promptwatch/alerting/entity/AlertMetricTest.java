package io.promptwatch.alerting.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.promptwatch.registry.entity.AlertThresholds;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AlertMetricTest {

    /** A version's thresholds name the rules' metrics: the registry's list must be exactly alerting's. */
    @Test
    void thresholdsOfADeploymentSpecificationNameTheRulesMetrics() {
        assertEquals(Arrays.stream(AlertMetric.values()).map(AlertMetric::label).toList(), AlertThresholds.METRICS);
    }
}
