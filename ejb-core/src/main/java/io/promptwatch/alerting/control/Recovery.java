package io.promptwatch.alerting.control;

import io.promptwatch.alerting.entity.AlertMetric;
import io.promptwatch.alerting.entity.AlertRule;
import io.promptwatch.alerting.entity.Comparison;
import io.promptwatch.metrics.entity.MetricValues;
import java.util.Locale;

/**
 * Whether a rollback helped: the reinstated version's window after the switch against the reverted
 * version's window before it, on the metric of the rule that triggered the rollback (the error rate
 * for an operator's rollback). Against a fixed threshold, recovered means the rule no longer holds;
 * against a baseline or an anomaly, that the metric moved back in the right direction.
 */
public final class Recovery {

    private Recovery() {
    }

    /** {@code null} when the window after has too few records to tell. */
    public static Boolean recovered(AlertRule rule, MetricValues before, MetricValues after) {
        AlertMetric metric = rule == null ? AlertMetric.ERROR_RATE : rule.metric();
        long needed = rule == null ? 1 : rule.minSamples();
        if (after == null || metric.samplesIn(after) < needed || metric.valueIn(after) == null) {
            return null;
        }
        double now = metric.valueIn(after);
        if (rule != null && rule.threshold() != null) {
            return !rule.comparison().breaks(now, rule.threshold());
        }
        Double then = before == null ? null : metric.valueIn(before);
        if (then == null) {
            return null;
        }
        boolean higherIsWorse = rule == null || rule.comparison() != Comparison.BELOW;
        return higherIsWorse ? now < then : now > then;
    }

    public static String verdict(AlertRule rule, MetricValues before, MetricValues after) {
        AlertMetric metric = rule == null ? AlertMetric.ERROR_RATE : rule.metric();
        Boolean recovered = recovered(rule, before, after);
        String figures = metric.label() + " " + describe(metric, after) + " after the switch, " + describe(metric, before) + " before";
        if (recovered == null) {
            return "undecided: too few records to tell; " + figures;
        }
        return (recovered ? "recovered: " : "not recovered: ") + figures;
    }

    private static String describe(AlertMetric metric, MetricValues values) {
        if (values == null || metric.valueIn(values) == null) {
            return "n/a (no records)";
        }
        return String.format(Locale.ROOT, "%.4g (%d records)", metric.valueIn(values), metric.samplesIn(values) == Long.MAX_VALUE
                ? values.executions() : metric.samplesIn(values));
    }
}
