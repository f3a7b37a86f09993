package io.promptwatch.reporting.boundary;

import io.promptwatch.alerting.boundary.Alerts;
import io.promptwatch.alerting.boundary.Rollbacks;
import io.promptwatch.alerting.entity.RollbackRecord;
import io.promptwatch.alerting.entity.Severity;
import io.promptwatch.metrics.boundary.MetricsQuery;
import io.promptwatch.metrics.entity.MetricValues;
import io.promptwatch.metrics.entity.Window;
import io.promptwatch.persistence.StorableInstants;
import io.promptwatch.problem.ProblemException;
import io.promptwatch.registry.boundary.PromptRegistry;
import io.promptwatch.registry.entity.Prompt;
import io.promptwatch.registry.entity.RegistryEvent;
import io.promptwatch.registry.entity.VersionStatus;
import io.promptwatch.reporting.control.ComprehensiveContent;
import io.promptwatch.reporting.control.PeriodFigures;
import io.promptwatch.reporting.entity.ComprehensiveReport;
import io.promptwatch.reporting.entity.ComprehensiveReport.Change;
import io.promptwatch.reporting.entity.ComprehensiveReport.VersionChange;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The comprehensive report over all prompts for the last {@code days} whole UTC days (the day under
 * way is left out, as a daily report leaves it out). Figures come from {@link MetricsQuery}'s tables
 * over the period: all prompts together, per prompt and per model (the last as {@code GET /metrics/models}
 * answers); version changes from the registry's events, alerts and rollbacks from alerting.
 */
@Stateless
public class ComprehensiveReports {

    @Inject
    MetricsQuery metrics;

    @Inject
    PromptRegistry registry;

    @Inject
    Alerts alerts;

    @Inject
    Rollbacks rollbacks;

    @Inject
    @ConfigProperty(name = "promptwatch.reporting.min-samples")
    long minSamples;

    @Inject
    @ConfigProperty(name = "promptwatch.reporting.performers")
    int performers;

    @Inject
    @ConfigProperty(name = "promptwatch.reporting.max-alerts")
    int maxAlerts;

    @Inject
    @ConfigProperty(name = "promptwatch.reporting.comprehensive.max-days")
    int maxDays;

    public ComprehensiveReport build(int days) {
        if (days < 1 || days > maxDays) {
            throw ProblemException.invalid("days", "must be between 1 and " + maxDays
                    + " (promptwatch.reporting.comprehensive.max-days); got " + days);
        }
        Instant now = StorableInstants.now();
        Instant to = Window.DAY.floor(now);
        Instant from = to.minus(DailyReports.DAY.multipliedBy(days));
        List<String> notes = new ArrayList<>();
        Instant dayKept = metrics.retainedFrom(Window.DAY.label());
        if (from.isBefore(dayKept)) {
            notes.add("The period starts before the 24h buckets' retention (kept from " + dayKept
                    + "): its first days are read from coarser buckets where they are kept, else missing.");
        }
        List<MetricsQuery.Row> all = metrics.overall(from, to).rows();
        MetricValues overall = all.isEmpty() ? DailyReports.NONE : all.get(0).metrics();
        Map<String, MetricValues> prompts = rows(metrics.prompts(from, to));
        Map<String, MetricValues> models = rows(metrics.models(from, to));

        List<VersionChange> changes = new ArrayList<>();
        for (Prompt prompt : registry.prompts()) {
            for (RegistryEvent e : registry.events(prompt.id())) {
                if (e.occurredAt().isBefore(from) || !e.occurredAt().isBefore(to)) {
                    continue;
                }
                Change change = switch (e.action()) {
                    case DEPLOY -> Change.DEPLOYED;
                    case ROLLBACK -> e.toStatus() == VersionStatus.ACTIVE ? Change.REINSTATED : Change.ROLLED_BACK;
                    default -> null;
                };
                if (change != null) {
                    changes.add(new VersionChange(prompt.id(), e.version(), change, e.occurredAt(), e.actor(), e.reason()));
                }
            }
        }

        long warning = count(Severity.WARNING, from, to, notes);
        long critical = count(Severity.CRITICAL, from, to, notes);
        List<RollbackRecord> recent = rollbacks.rollbacks(null);
        long rolledBack = recent.stream().filter(r -> !r.at().isBefore(from) && r.at().isBefore(to)).count();
        if (!recent.isEmpty() && recent.size() >= ROLLBACKS_LISTED && !recent.get(recent.size() - 1).at().isBefore(from)) {
            notes.add("More rollbacks than the " + ROLLBACKS_LISTED + " newest may lie in the period: the count is a lower bound.");
        }
        return new ComprehensiveContent(minSamples, performers).compose(new PeriodFigures(days, from, to, overall, prompts,
                models, changes, warning, critical, rolledBack, notes), now);
    }

    /** What {@link Rollbacks#rollbacks} lists at most (its newest). */
    static final int ROLLBACKS_LISTED = 1000;

    private long count(Severity severity, Instant from, Instant to, List<String> notes) {
        Alerts.Page page = alerts.alerts(new Alerts.Selection(null, null, severity.label(), from, to, null, maxAlerts));
        if (page.next() != null) {
            notes.add("More " + severity.label() + " alerts fired in the period than promptwatch.reporting.max-alerts ("
                    + maxAlerts + "): the count is a lower bound.");
        }
        return page.alerts().size();
    }

    private static Map<String, MetricValues> rows(MetricsQuery.Table table) {
        Map<String, MetricValues> rows = new TreeMap<>();
        table.rows().forEach(r -> rows.put(r.name(), r.metrics()));
        return rows;
    }
}
