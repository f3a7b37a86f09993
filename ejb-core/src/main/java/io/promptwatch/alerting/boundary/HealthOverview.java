package io.promptwatch.alerting.boundary;

import io.promptwatch.alerting.entity.Alert;
import io.promptwatch.alerting.entity.EvaluatorPulse;
import io.promptwatch.alerting.entity.HealthCheckResult.State;
import io.promptwatch.alerting.entity.HealthCheckResult;
import io.promptwatch.alerting.entity.HealthStatus;
import io.promptwatch.lease.Lease;
import io.promptwatch.lease.Leases;
import io.promptwatch.metrics.boundary.MetricsQuery;
import io.promptwatch.persistence.StorableInstants;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The health overview people look at (SPEC §4 "Health"): the database, the ingest breaker, the
 * rollups' lag, the evaluator's beat, failed channel deliveries and the open alerts, judged by
 * {@link HealthStatus#of}. MicroProfile Health's readiness answers a load balancer with UP or DOWN;
 * this answers an operator with why.
 * <p>
 * No transaction of its own: each check reads in its own, so that one that fails (the database
 * gone) turns into a DOWN check instead of marking a shared transaction for rollback and taking the
 * other checks, and the answer, with it. The ingest breaker is a MicroProfile Fault Tolerance breaker
 * in the WAR (Payara applies FT only there), so the WAR reads its state and hands it in.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class HealthOverview {

    /** Most open alerts an overview lists (the newest). */
    public static final int MAX_ALERTS = 50;

    /**
     * @param leases who runs the cluster's periodic tasks (the evaluator, the rollups, job firings):
     *               empty when they could not be read (the database check says why)
     * @param server this server's name as a lease holder ({@link Leases#HOLDER})
     */
    public record Overview(HealthStatus status, Instant checkedAt, List<HealthCheckResult> checks, List<Alert> openAlerts,
                           boolean criticalOpen, List<Lease> leases, String server) {
    }

    @Resource(lookup = "jdbc/promptwatch")
    DataSource dataSource;

    @Inject
    AlertEvaluator evaluator;

    @Inject
    Alerts alerts;

    @Inject
    MetricsQuery metrics;

    @Inject
    Leases leaseTable;

    @Inject
    @ConfigProperty(name = "promptwatch.health.rollup-lag-warning")
    long rollupLagWarning;

    @Inject
    @ConfigProperty(name = "promptwatch.health.delivery-failures-window")
    Duration deliveryFailuresWindow;

    /** The overview as of now, with the ingest breaker's check as the WAR read it. */
    public Overview overview(HealthCheckResult ingestBreaker) {
        Instant now = StorableInstants.now();
        List<HealthCheckResult> checks = new ArrayList<>();
        checks.add(guarded("database", this::database));
        checks.add(ingestBreaker);
        checks.add(guarded("rollups", this::rollups));
        checks.add(guarded("evaluator", () -> evaluator(now)));
        checks.add(guarded("deliveries", () -> deliveries(now)));
        List<Alert> open = List.of();
        boolean critical = false;
        try {
            open = alerts.open(MAX_ALERTS);
            critical = alerts.criticalOpen();
        } catch (RuntimeException e) {
            // The database check says why; the overview still answers.
            checks.add(new HealthCheckResult("alerts", State.DOWN, "the open alerts could not be read: " + reason(e), Map.of()));
        }
        List<Lease> leases = List.of();
        try {
            leases = leaseTable.holders(now);
        } catch (RuntimeException e) {
            // The database check says why; leases are shown, not judged.
        }
        return new Overview(HealthStatus.of(checks.stream().map(HealthCheckResult::state).toList(), critical), now, checks,
                open, critical, leases, Leases.HOLDER);
    }

    private HealthCheckResult database() {
        try (Connection connection = dataSource.getConnection()) {
            boolean valid = connection.isValid(2);
            return new HealthCheckResult("database", valid ? State.UP : State.DOWN,
                    valid ? "a connection answers" : "a connection was had but did not answer within 2 s",
                    Map.of("product", connection.getMetaData().getDatabaseProductName()));
        } catch (SQLException e) {
            return new HealthCheckResult("database", State.DOWN, "no connection: " + reason(e), Map.of());
        }
    }

    private HealthCheckResult rollups() {
        MetricsQuery.RollupProgress progress = metrics.rollupProgress();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("pendingRecords", progress.pendingRecords());
        figures.put("windows", progress.windows());
        figures.put("warningAbove", rollupLagWarning);
        boolean behind = progress.pendingRecords() > rollupLagWarning;
        return new HealthCheckResult("rollups", behind ? State.WARNING : State.UP, behind
                ? progress.pendingRecords() + " stored records are not in the rollups yet (more than " + rollupLagWarning
                        + "): metrics and alert evaluation lag behind"
                : progress.pendingRecords() == 0 ? "the rollups are up to date"
                        : progress.pendingRecords() + " stored records still to roll up", figures);
    }

    private HealthCheckResult evaluator(Instant now) {
        EvaluatorPulse pulse = evaluator.pulse(now);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("enabled", pulse.enabled());
        figures.put("interval", pulse.interval().toString());
        figures.put("staleIntervals", pulse.staleIntervals());
        if (!pulse.enabled()) {
            return new HealthCheckResult("evaluator", State.SKIPPED,
                    "switched off (promptwatch.alerting.evaluator.enabled=false): no rule is evaluated", figures);
        }
        if (pulse.lastFinishedAt() != null) {
            figures.put("lastFinishedAt", pulse.lastFinishedAt().toString());
            figures.put("lastMillis", evaluator.lastMillis());
        }
        figures.put("lagSeconds", pulse.lag().toSeconds());
        figures.put("lagIntervals", (double) pulse.lag().toMillis() / pulse.interval().toMillis());
        String detail;
        if (pulse.stale()) {
            detail = "no evaluation for " + pulse.lag().toSeconds() + " s, " + pulse.staleIntervals() + " intervals of "
                    + pulse.interval() + " or more: alerts are not being raised";
        } else if (pulse.lastFinishedAt() == null) {
            detail = "no evaluation on this server yet (the first is due one interval, " + pulse.interval() + ", after the start)";
        } else {
            detail = "the last evaluation finished " + Duration.between(pulse.lastFinishedAt(), now).toSeconds()
                    + " s ago (every " + pulse.interval() + ")";
        }
        return new HealthCheckResult("evaluator", pulse.stale() ? State.DOWN : State.UP, detail, figures);
    }

    private HealthCheckResult deliveries(Instant now) {
        Instant since = now.minus(deliveryFailuresWindow);
        long failed = alerts.failedDeliveriesSince(since);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("failed", failed);
        figures.put("since", since.toString());
        return new HealthCheckResult("deliveries", failed > 0 ? State.WARNING : State.UP, failed > 0
                ? failed + " notification attempts failed since " + since + ": see the alerts' notifications"
                : "no notification attempt failed since " + since, figures);
    }

    private static HealthCheckResult guarded(String name, Supplier<HealthCheckResult> check) {
        try {
            return check.get();
        } catch (RuntimeException e) {
            return new HealthCheckResult(name, State.DOWN, "the check failed: " + reason(e), Map.of());
        }
    }

    /** The innermost message (an EJBException wraps the cause of a failure in another bean). */
    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
