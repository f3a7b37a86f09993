package io.promptwatch.alerting.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptwatch.alerting.entity.AlertMetric;
import io.promptwatch.alerting.entity.AlertRule;
import io.promptwatch.alerting.entity.Comparison;
import io.promptwatch.alerting.entity.RuleAction;
import io.promptwatch.alerting.entity.RuleDefinition;
import io.promptwatch.alerting.entity.Severity;
import io.promptwatch.metrics.entity.MetricValues;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A threshold on a rate is compared with the rate's confidence bound. Bounds are R 4.2.2's
 * {@code prop.test(x, n, correct = FALSE)$conf.int} (the same reference values as WilsonIntervalTest).
 */
class RateEvidenceTest {

    private static final double CONFIDENCE = 0.95;

    @Test
    void anErrorRateIsComparedWithItsLowerBound() {
        // 3 failures in 10: observed 0.30; prop.test(3, 10, correct = FALSE)$conf.int = [0.107791267406301, 0.603221852538855]
        MetricValues values = metrics(10, 7);
        double evidence = AlertBook.evidence(rule(AlertMetric.ERROR_RATE, Comparison.ABOVE, 0.10), values, 0.30, CONFIDENCE);
        assertEquals(0.107791267406301, evidence, 1e-9);
        assertTrue(Comparison.ABOVE.breaks(evidence, 0.10), "the interval lies wholly above 10 %");
        assertFalse(Comparison.ABOVE.breaks(evidence, 0.11), "30 % of ten calls is no evidence of more than 11 %");
    }

    @Test
    void aSuccessRateIsComparedWithItsUpperBound() {
        // 45 successes in 50: observed 0.90; prop.test(45, 50, correct = FALSE)$conf.int = [0.786397685625204, 0.95652423506811]
        MetricValues values = metrics(50, 45);
        double evidence = AlertBook.evidence(rule(AlertMetric.SUCCESS_RATE, Comparison.BELOW, 0.95), values, 0.90, CONFIDENCE);
        assertEquals(0.95652423506811, evidence, 1e-9);
        assertFalse(Comparison.BELOW.breaks(evidence, 0.95), "90 % of fifty could still be 95 %");
        assertTrue(Comparison.BELOW.breaks(evidence, 0.96));
    }

    @Test
    void confidenceZeroAndOtherMetricsCompareTheValueAsObserved() {
        MetricValues values = metrics(10, 7);
        assertEquals(0.30, AlertBook.evidence(rule(AlertMetric.ERROR_RATE, Comparison.ABOVE, 0.10), values, 0.30, 0), 0);
        assertEquals(812.0, AlertBook.evidence(rule(AlertMetric.LATENCY_P95, Comparison.ABOVE, 500.0), values, 812.0, CONFIDENCE), 0);
    }

    private static AlertRule rule(AlertMetric metric, Comparison comparison, double threshold) {
        return new AlertRule(new RuleDefinition("r", metric, comparison, threshold, null, null, Duration.ofMinutes(5), 1,
                Severity.WARNING, EnumSet.of(RuleAction.ALERT), null, null, List.of(), null, null, List.of(), true),
                false, "admin", Instant.parse("2026-12-02T10:00:00Z"));
    }

    private static MetricValues metrics(long executions, long successes) {
        return new MetricValues(executions, 0, successes, executions - successes, (double) successes / executions,
                (double) (executions - successes) / executions, null, null, null, null, null, null, 0, null, 0, null, 0,
                0, null, null, 0, null, 0, Map.of(), List.of());
    }
}
