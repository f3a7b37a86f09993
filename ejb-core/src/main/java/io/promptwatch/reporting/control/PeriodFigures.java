package io.promptwatch.reporting.control;

import io.promptwatch.metrics.entity.MetricValues;
import io.promptwatch.reporting.entity.ComprehensiveReport.VersionChange;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the comprehensive report is made of: the period's metrics of all prompts together, of each
 * prompt and of each model (from the rollups), the registry's version changes, and the alert and
 * rollback counts of the period.
 */
public record PeriodFigures(int days, Instant from, Instant to, MetricValues overall, Map<String, MetricValues> prompts,
                            Map<String, MetricValues> models, List<VersionChange> changes, long warningAlerts,
                            long criticalAlerts, long rollbacks, List<String> readingNotes) {
}
