package io.promptwatch.alerting.boundary;

import java.util.List;

/** An alert rule as the API receives it; {@link AlertRules} parses it, naming the field at fault. */
public record RuleRequest(String name, String metric, String comparison, Double threshold, Double baselineFactor,
                          Double sensitivity, String window, Long minSamples, String severity, List<String> actions,
                          String promptId, String version, List<String> channels, String repeatAfter,
                          String escalateAfter, List<String> escalationChannels, Boolean enabled) {
}
