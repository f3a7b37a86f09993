package io.promptwatch.api.alerting;

import io.promptwatch.alerting.boundary.HealthOverview;
import io.promptwatch.alerting.entity.HealthCheckResult;
import io.promptwatch.api.alerting.AlertsResource.AlertView;
import io.promptwatch.api.tracking.IngestBreaker;
import io.promptwatch.lease.Lease;
import io.promptwatch.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The health overview for people (issue 18, "Health"); the load balancer's question is MicroProfile
 * Health's {@code /health/ready}. The ingest breaker is read here, in the WAR that holds it.
 */
@Path("health")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class HealthOverviewResource {

    public record CheckView(String name, String status, String detail, Map<String, Object> figures) {
        static CheckView of(HealthCheckResult c) {
            return new CheckView(c.name(), c.state().label(), c.detail(), c.figures());
        }
    }

    /** A lease of the database: which server runs the task, until when (expired: any server may take it over). */
    public record LeaseView(String name, String holder, Instant acquiredAt, Instant expiresAt, boolean expired,
                            boolean thisServer) {
        static LeaseView of(Lease lease, Instant now, String server) {
            return new LeaseView(lease.name(), lease.holder(), lease.acquiredAt(), lease.expiresAt(), lease.expiredAt(now),
                    lease.holder().equals(server));
        }
    }

    public record OverviewView(String status, Instant checkedAt, List<CheckView> checks, List<AlertView> firingAlerts,
                               String server, List<LeaseView> leases) {
    }

    @EJB
    HealthOverview health;

    @Inject
    IngestBreaker breaker;

    @GET
    @Path("overview")
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "healthy / degraded / unhealthy with the checks behind it (database, ingest-breaker, rollups, evaluator, "
            + "deliveries: status up / warning / down / skipped, detail, figures) and the open alerts (firing or acknowledged, "
            + "newest first, at most 50). A check down: unhealthy; a warning (rollup lag above promptwatch.health.rollup-lag-warning, "
            + "a failed delivery within promptwatch.health.delivery-failures-window, a half-open breaker) or an open critical alert: degraded. "
            + "server names this server; leases say which server runs each cluster task (alert-evaluator, rollups, job firings) until when")
    public OverviewView overview() {
        HealthOverview.Overview o = health.overview(breaker.check());
        return new OverviewView(o.status().label(), o.checkedAt(), o.checks().stream().map(CheckView::of).toList(),
                o.openAlerts().stream().map(AlertView::of).toList(), o.server(),
                o.leases().stream().map(l -> LeaseView.of(l, o.checkedAt(), o.server())).toList());
    }
}
