package io.promptwatch.alerting.boundary;

import io.promptwatch.alerting.entity.AlertMetric;
import io.promptwatch.alerting.entity.Comparison;
import io.promptwatch.alerting.entity.RuleAction;
import io.promptwatch.alerting.entity.RuleDefinition;
import io.promptwatch.alerting.entity.Severity;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

/**
 * The rules a fresh install starts with, as SPEC §4 (seed 002's alert configuration) lists them,
 * with its escalation policy: warnings repeat hourly, critical alerts every 15 minutes. They have
 * no channels: the alerts show in the API and the dashboard until an admin adds channels to them.
 * Minimum samples keep a handful of records from paging anyone: 20 for rates and percentiles over
 * minutes, 50 for a day's average feedback.
 */
final class ShippedRules {

    private static final Duration HOURLY = Duration.ofHours(1);
    private static final Duration QUARTERLY = Duration.ofMinutes(15);

    static final List<RuleDefinition> DEFINITIONS = List.of(
            rule("Critical error rate", AlertMetric.ERROR_RATE, Comparison.ABOVE, 0.05, null, 5, 20, Severity.CRITICAL, true),
            rule("Elevated error rate", AlertMetric.ERROR_RATE, Comparison.ABOVE, 0.03, null, 15, 20, Severity.WARNING, false),
            rule("High latency p95", AlertMetric.LATENCY_P95, Comparison.ABOVE, null, 2.0, 5, 20, Severity.CRITICAL, false),
            rule("Elevated latency p95", AlertMetric.LATENCY_P95, Comparison.ABOVE, null, 1.5, 15, 20, Severity.WARNING, false),
            rule("Low success rate", AlertMetric.SUCCESS_RATE, Comparison.BELOW, 0.95, null, 10, 20, Severity.CRITICAL, true),
            rule("Calibration drift", AlertMetric.CALIBRATION_DRIFT, Comparison.ABOVE, 2.0, null, 60, 20, Severity.WARNING, false),
            rule("User satisfaction drop", AlertMetric.AVG_FEEDBACK, Comparison.BELOW, 3.0, null, 24 * 60, 50, Severity.WARNING, false));

    private ShippedRules() {
    }

    private static RuleDefinition rule(String name, AlertMetric metric, Comparison comparison, Double threshold,
                                       Double factor, int minutes, long minSamples, Severity severity, boolean rollback) {
        EnumSet<RuleAction> actions = EnumSet.of(RuleAction.ALERT);
        if (rollback) {
            actions.add(RuleAction.AUTO_ROLLBACK);
        }
        if (metric == AlertMetric.CALIBRATION_DRIFT) {
            actions.add(RuleAction.FLAG_FOR_REVIEW);
        }
        return new RuleDefinition(name, metric, comparison, threshold, factor, null, Duration.ofMinutes(minutes), minSamples,
                severity, actions, null, null, List.of(), severity == Severity.CRITICAL ? QUARTERLY : HOURLY,
                null, List.of(), true);
    }
}
