package io.promptwatch.reporting.control;

import io.promptwatch.metrics.entity.MetricValues;
import io.promptwatch.registry.entity.Baseline;
import io.promptwatch.reporting.entity.DailyReport.AlertLine;
import io.promptwatch.reporting.entity.DailyReport.RollbackLine;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * What the daily report is made of, as read from the other components' boundaries: the day's and the
 * day before's metrics of the prompt, its hours, its versions and models on the day (all from the
 * rollups), the versions' baselines, and the day's alerts and rollbacks.
 *
 * @param version        the version the report is about (active at the day's end), {@code null} if none
 * @param baselines      each version's baseline by version name (a version without one is absent)
 * @param alertsCapped   whether the alerts listed are only the newest of more
 * @param readingNotes   what the reading already had to say (retention, how the version was found)
 */
public record DayFigures(String promptId, String promptName, LocalDate date, Instant from, Instant to, String version,
                         MetricValues today, MetricValues yesterday, SortedMap<Instant, MetricValues> hours,
                         Map<String, MetricValues> versions, Map<String, Baseline> baselines, Map<String, MetricValues> models,
                         List<AlertLine> alerts, boolean alertsCapped, List<RollbackLine> rollbacks, List<String> readingNotes) {
}
