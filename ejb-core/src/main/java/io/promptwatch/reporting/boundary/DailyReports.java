package io.promptwatch.reporting.boundary;

import io.promptwatch.alerting.boundary.Alerts;
import io.promptwatch.alerting.boundary.Rollbacks;
import io.promptwatch.alerting.entity.Alert;
import io.promptwatch.alerting.entity.RollbackRecord;
import io.promptwatch.metrics.boundary.MetricsQuery;
import io.promptwatch.metrics.boundary.MetricsQuery.Filter;
import io.promptwatch.metrics.entity.MetricValues;
import io.promptwatch.metrics.entity.Window;
import io.promptwatch.persistence.StorableInstants;
import io.promptwatch.problem.ProblemException;
import io.promptwatch.registry.boundary.PromptRegistry;
import io.promptwatch.registry.entity.Baseline;
import io.promptwatch.registry.entity.Prompt;
import io.promptwatch.registry.entity.PromptVersion;
import io.promptwatch.registry.entity.RegistryEvent;
import io.promptwatch.registry.entity.VersionStatus;
import io.promptwatch.reporting.control.DailyContent;
import io.promptwatch.reporting.control.DayFigures;
import io.promptwatch.reporting.control.RecommendationRules;
import io.promptwatch.reporting.control.Trends;
import io.promptwatch.reporting.entity.DailyReport;
import io.promptwatch.reporting.entity.DailyReport.AlertLine;
import io.promptwatch.reporting.entity.DailyReport.RollbackLine;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The daily report of one prompt for one UTC day (seed 002's template, SPEC §6). Every figure is read
 * through {@link MetricsQuery}, the code the metrics API answers with, by the very calls that API makes
 * for the same day: the day and the day before as one 24h bucket each ({@code GET /metrics?promptId&window=24h&from&to}),
 * its hours ({@code window=1h}), its versions ({@code GET /metrics/versions}) and, for each model that
 * served any prompt that day ({@code GET /metrics/models}), the prompt's records of that model
 * ({@code &model=}). Nothing is recomputed from raw records, so the report and the API cannot disagree.
 */
@Stateless
public class DailyReports {

    static final Duration DAY = Duration.ofDays(1);

    @Inject
    MetricsQuery metrics;

    @Inject
    PromptRegistry registry;

    @Inject
    Alerts alerts;

    @Inject
    Rollbacks rollbacks;

    @Inject
    @ConfigProperty(name = "promptwatch.reporting.trend.rate-tolerance")
    double rateTolerance;

    @Inject
    @ConfigProperty(name = "promptwatch.reporting.trend.relative-tolerance")
    double relativeTolerance;

    @Inject
    @ConfigProperty(name = "promptwatch.reporting.min-samples")
    long minSamples;

    @Inject
    @ConfigProperty(name = "promptwatch.reporting.error-doubled.min-count")
    long errorMinCount;

    @Inject
    @ConfigProperty(name = "promptwatch.reporting.error-doubled.factor")
    double errorFactor;

    @Inject
    @ConfigProperty(name = "promptwatch.reporting.cheaper-model.min-records")
    long cheaperMinRecords;

    @Inject
    @ConfigProperty(name = "promptwatch.reporting.cheaper-model.max-success-gap")
    double maxSuccessGap;

    @Inject
    @ConfigProperty(name = "promptwatch.reporting.cheaper-model.min-saving")
    double minSaving;

    @Inject
    @ConfigProperty(name = "promptwatch.reporting.max-alerts")
    int maxAlerts;

    @Inject
    @ConfigProperty(name = "promptwatch.alerting.calibration.well-calibrated")
    double wellCalibrated;

    @Inject
    @ConfigProperty(name = "promptwatch.alerting.calibration.minor-drift")
    double minorDrift;

    /**
     * The report of {@code promptId} for the UTC day {@code date}: [date 00:00, date+1 00:00). A day not
     * over yet is reported as far as the rollups have it.
     */
    public DailyReport build(String promptId, LocalDate date) {
        if (promptId == null || promptId.isBlank()) {
            throw ProblemException.invalid("promptId", "is required");
        }
        if (date == null) {
            throw ProblemException.invalid("date", "is required (YYYY-MM-DD, a UTC day)");
        }
        Prompt prompt = registry.prompt(promptId);
        Instant from = date.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = from.plus(DAY);
        Instant now = StorableInstants.now();
        if (from.isAfter(now)) {
            throw ProblemException.invalid("date", "lies in the future: " + date);
        }
        List<String> notes = new ArrayList<>();
        Instant dayKept = metrics.retainedFrom(Window.DAY.label());
        if (from.minus(DAY).isBefore(dayKept)) {
            notes.add("The day before " + date + " (or the day itself) lies before the 24h buckets' retention (kept from "
                    + dayKept + "): its figures are missing.");
        }
        Instant hourKept = metrics.retainedFrom(Window.HOUR.label());
        if (from.isBefore(hourKept)) {
            notes.add("The day lies before the 1h buckets' retention (kept from " + hourKept + "): the hourly points are missing.");
        }
        Filter filter = new Filter(promptId, null, null, null, null);
        MetricValues today = day(filter, from, to);
        MetricValues yesterday = day(filter, from.minus(DAY), from);

        SortedMap<Instant, MetricValues> hours = new TreeMap<>();
        metrics.series(filter, Window.HOUR.label(), from, to).buckets().forEach(b -> hours.put(b.start(), b.metrics()));

        Map<String, MetricValues> versions = new TreeMap<>();
        metrics.versions(promptId, from, to).rows().forEach(row -> versions.put(row.name(), row.metrics()));
        Map<String, Baseline> baselines = new HashMap<>();
        for (PromptVersion v : registry.versions(promptId)) {
            if (v.baseline() != null) {
                baselines.put(v.version(), v.baseline());
            }
        }

        Map<String, MetricValues> models = new TreeMap<>();
        for (MetricsQuery.Row row : metrics.models(from, to).rows()) {
            MetricValues ofPrompt = day(new Filter(promptId, null, row.name(), null, null), from, to);
            if (ofPrompt.executions() > 0) {
                models.put(row.name(), ofPrompt);
            }
        }

        String version = activeAt(promptId, to);
        if (version == null && prompt.activeVersion() != null) {
            version = prompt.activeVersion();
            notes.add("The registry has no deployment of " + promptId + " before the day's end: the report is about the"
                    + " version active now, " + version + ".");
        }

        Alerts.Page page = alerts.alerts(new Alerts.Selection(null, promptId, null, from, to, null, maxAlerts));
        List<AlertLine> alertLines = page.alerts().stream().map(DailyReports::line)
                .sorted(Comparator.comparing(AlertLine::firedAt).thenComparing(AlertLine::id)).toList();
        List<RollbackLine> rollbackLines = rollbacks.rollbacks(promptId).stream()
                .filter(r -> !r.at().isBefore(from) && r.at().isBefore(to))
                .map(DailyReports::line)
                .sorted(Comparator.comparing(RollbackLine::at).thenComparing(RollbackLine::id)).toList();

        DayFigures figures = new DayFigures(promptId, prompt.name(), date, from, to, version, today, yesterday, hours,
                versions, baselines, models, alertLines, page.next() != null, rollbackLines, notes);
        return content().compose(figures, now);
    }

    DailyContent content() {
        return new DailyContent(new Trends(rateTolerance, relativeTolerance),
                new RecommendationRules(minSamples, errorMinCount, errorFactor, cheaperMinRecords, maxSuccessGap, minSaving),
                wellCalibrated, minorDrift);
    }

    /** The day's one 24h bucket of the filter's records, as {@code GET /metrics?window=24h} answers it; empty without records. */
    private MetricValues day(Filter filter, Instant from, Instant to) {
        List<MetricsQuery.WindowMetrics> buckets = metrics.series(filter, Window.DAY.label(), from, to).buckets();
        return buckets.isEmpty() ? NONE : buckets.get(0).metrics();
    }

    /** The version that was active at {@code at}: the last registry event before it that made a version active. */
    private String activeAt(String promptId, Instant at) {
        String active = null;
        for (RegistryEvent e : registry.events(promptId)) {
            if (!e.occurredAt().isBefore(at)) {
                break;
            }
            if (e.toStatus() == VersionStatus.ACTIVE) {
                active = e.version();
            }
        }
        return active;
    }

    private static AlertLine line(Alert a) {
        return new AlertLine(a.id(), a.firedAt(), a.severity() == null ? null : a.severity().label(), a.ruleName(), a.version(),
                a.metric() == null ? null : a.metric().label(), a.observed(), a.limit(),
                a.state() == null ? null : a.state().label());
    }

    private static RollbackLine line(RollbackRecord r) {
        return new RollbackLine(r.id(), r.at(), r.fromVersion(), r.toVersion(), r.automatic(), r.reason());
    }

    /** The metrics of no record: counts 0, every average and rate undefined. */
    static final MetricValues NONE = new MetricValues(0, 0, 0, 0, null, null, null, null, null, null, null, null, 0, null, 0,
            null, 0, 0.0, null, null, 0, null, 0, Map.of(), List.of());
}
