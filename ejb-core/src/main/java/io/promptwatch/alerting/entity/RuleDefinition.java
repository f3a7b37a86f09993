package io.promptwatch.alerting.entity;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A rule as its author means it, every field parsed. {@link AlertRule} checks that the parts fit
 * together; that channels and versions exist is the boundary's to check.
 */
public record RuleDefinition(String name, AlertMetric metric, Comparison comparison, Double threshold,
                             Double baselineFactor, Double sensitivity, Duration window, long minSamples,
                             Severity severity, Set<RuleAction> actions, String promptId, String version,
                             List<String> channels, Duration repeatAfter, Duration escalateAfter,
                             List<String> escalationChannels, boolean enabled) {
}
