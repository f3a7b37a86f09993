package io.promptwatch.reporting.boundary;

import io.promptwatch.metrics.boundary.MetricsQuery;
import io.promptwatch.problem.ProblemException;
import io.promptwatch.registry.boundary.PromptRegistry;
import io.promptwatch.registry.entity.Prompt;
import io.promptwatch.reporting.entity.ComprehensiveReport;
import io.promptwatch.reporting.entity.DailyReport;
import io.promptwatch.reporting.entity.ReportFormat;
import io.promptwatch.reporting.entity.ReportType;
import io.promptwatch.reporting.entity.StoredReport;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reports rendered and kept: the batch jobs store them here (each call joins the chunk's or step's
 * transaction, so a report row commits with the checkpoint that says it was written), the reports
 * API lists and serves them, maintenance purges the old ones. One row per report key: storing a
 * report again replaces the row's content. Every report stored is announced to its digest
 * subscribers ({@link ReportSubscriptions}), a rerun too, once the storing transaction commits.
 */
@Stateless
public class StoredReports {

    /** A page of reports, newest period first, and the cursor of the next page ({@code null} on the last). */
    public record Page(List<StoredReport> reports, String next) {
    }

    /**
     * Which reports a listing holds; every filter optional. A report is selected when its period
     * starts at or after {@code from} and before {@code to}.
     */
    public record Selection(String promptId, ReportType type, Instant from, Instant to, String after, int limit) {
    }

    @PersistenceContext(unitName = "promptwatch")
    EntityManager em;

    @Inject
    DailyReports daily;

    @Inject
    ComprehensiveReports comprehensive;

    @Inject
    Renderings renderings;

    @Inject
    MetricsQuery metrics;

    @Inject
    PromptRegistry registry;

    @Inject
    ReportSubscriptions subscriptions;

    /**
     * The prompts the daily job reports on for {@code date}: the registered prompts with at least one
     * record that UTC day, in id order (the order the job's checkpoint follows). A quiet prompt gets
     * no report unless it is asked for by name.
     */
    public List<String> promptsWithRecords(LocalDate date) {
        Instant from = date.atStartOfDay(ZoneOffset.UTC).toInstant();
        Set<String> registered = registry.prompts().stream().map(Prompt::id).collect(Collectors.toSet());
        Set<String> active = new TreeSet<>();
        metrics.prompts(from, from.plus(DailyReports.DAY)).rows().stream().map(MetricsQuery.Row::name)
                .filter(registered::contains).forEach(active::add);
        return List.copyOf(active);
    }

    /** Builds, renders and stores the daily report of {@code promptId} for {@code date} (replacing an earlier one). */
    public StoredReport storeDaily(String promptId, LocalDate date, Long jobExecutionId) {
        DailyReport report = daily.build(promptId, date);
        return store(ReportType.DAILY, promptId, report.from(), report.to(), jobExecutionId,
                renderings.render(report, ReportFormat.MARKDOWN), renderings.render(report, ReportFormat.HTML),
                renderings.render(report, ReportFormat.JSON));
    }

    /** Builds, renders and stores the comprehensive report over the last {@code days} whole UTC days. */
    public StoredReport storeComprehensive(int days, Long jobExecutionId) {
        ComprehensiveReport report = comprehensive.build(days);
        return store(ReportType.COMPREHENSIVE, null, report.from(), report.to(), jobExecutionId,
                renderings.render(report, ReportFormat.MARKDOWN), renderings.render(report, ReportFormat.HTML),
                renderings.render(report, ReportFormat.JSON));
    }

    private StoredReport store(ReportType type, String promptId, Instant from, Instant to, Long jobExecutionId,
                               String markdown, String html, String json) {
        Instant now = Instant.now();
        List<StoredReport> existing = em.createNamedQuery(StoredReport.BY_KEY, StoredReport.class)
                .setParameter("key", StoredReport.key(type, promptId, from, to)).getResultList();
        if (!existing.isEmpty()) {
            StoredReport report = existing.get(0);
            report.replace(now, jobExecutionId, markdown, html, json);
            subscriptions.announce(report);
            return report;
        }
        StoredReport report = new StoredReport(type, promptId, from, to, now, jobExecutionId, markdown, html, json);
        em.persist(report);
        subscriptions.announce(report);
        return report;
    }

    public Page reports(Selection s) {
        if (s.promptId() != null && s.promptId().length() > 64) {
            return new Page(List.of(), null); // longer than any prompt id (the column's width): no report has it
        }
        StringBuilder jpql = new StringBuilder("SELECT r FROM StoredReport r WHERE 1 = 1");
        List<Object[]> params = new ArrayList<>();
        if (s.promptId() != null) {
            jpql.append(" AND r.promptId = :promptId");
            params.add(new Object[] {"promptId", s.promptId()});
        }
        if (s.type() != null) {
            jpql.append(" AND r.type = :type");
            params.add(new Object[] {"type", s.type()});
        }
        if (s.from() != null) {
            jpql.append(" AND r.periodFrom >= :from");
            params.add(new Object[] {"from", s.from()});
        }
        if (s.to() != null) {
            jpql.append(" AND r.periodFrom < :to");
            params.add(new Object[] {"to", s.to()});
        }
        if (s.after() != null) {
            StoredReport cursor = find(s.after());
            if (cursor == null) {
                throw ProblemException.invalid("after", "no report with id '" + s.after() + "': pass the 'next' of the previous page");
            }
            jpql.append(" AND (r.periodFrom < :cursorFrom OR r.periodFrom = :cursorFrom AND r.id < :cursorId)");
            params.add(new Object[] {"cursorFrom", cursor.periodFrom()});
            params.add(new Object[] {"cursorId", cursor.id()});
        }
        jpql.append(" ORDER BY r.periodFrom DESC, r.id DESC");
        TypedQuery<StoredReport> query = em.createQuery(jpql.toString(), StoredReport.class).setMaxResults(s.limit() + 1);
        params.forEach(p -> query.setParameter((String) p[0], p[1]));
        List<StoredReport> found = query.getResultList();
        if (found.size() > s.limit()) {
            List<StoredReport> page = found.subList(0, s.limit());
            return new Page(List.copyOf(page), page.get(page.size() - 1).id().toString());
        }
        return new Page(found, null);
    }

    /** Report {@code id}, or a 404 problem. */
    public StoredReport report(String id) {
        StoredReport report = find(id);
        if (report == null) {
            throw ProblemException.notFound("no report with id '" + id + "'");
        }
        return report;
    }

    /** Deletes the reports whose period ended more than {@code retentionDays} days before now; how many. */
    public int purge(int retentionDays) {
        if (retentionDays < 1) {
            throw new IllegalArgumentException("promptwatch.reports.retention-days must be at least 1; got " + retentionDays);
        }
        return em.createNamedQuery(StoredReport.PURGE).setParameter("before", Instant.now().minus(DailyReports.DAY.multipliedBy(retentionDays)))
                .executeUpdate();
    }

    private StoredReport find(String id) {
        if (id == null || !id.matches("[1-9][0-9]{0,17}")) {
            return null;
        }
        return em.find(StoredReport.class, Long.parseLong(id));
    }
}
