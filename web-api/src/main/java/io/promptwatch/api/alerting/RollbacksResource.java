package io.promptwatch.api.alerting;

import io.promptwatch.alerting.boundary.Rollbacks;
import io.promptwatch.alerting.entity.RollbackRecord;
import io.promptwatch.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Rollbacks and their post-mortems, automatic and manual. */
@Path("rollbacks")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class RollbacksResource {

    public record RollbackView(String id, String promptId, String fromVersion, String toVersion, String trigger,
                               String ruleId, String alertId, String actor, String reason, Instant at, String window,
                               JsonValue metricsBefore, Instant watchUntil, JsonValue metricsAfter, Boolean recovered,
                               String verdict) {
        static RollbackView of(RollbackRecord r) {
            return new RollbackView(r.id(), r.promptId(), r.fromVersion(), r.toVersion(), r.automatic() ? "automatic" : "manual",
                    r.ruleId(), r.alertId(), r.actor(), r.reason(), r.at(), r.window().toMinutes() + "m", json(r.metricsBefore()),
                    r.watchUntil(), json(r.metricsAfter()), r.recovered(), r.verdict());
        }

        private static JsonValue json(String text) {
            if (text == null) {
                return JsonValue.NULL;
            }
            try (var reader = Json.createReader(new StringReader(text))) {
                return reader.readValue();
            }
        }
    }

    @EJB
    Rollbacks rollbacks;

    @GET
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "Rollbacks newest first (at most 1,000), of one prompt with promptId")
    public List<RollbackView> list(@QueryParam("promptId") String promptId) {
        return rollbacks.rollbacks(promptId).stream().map(RollbackView::of).toList();
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "A rollback's post-mortem: trigger, versions, the metrics before and after, the recovery verdict")
    public RollbackView get(@PathParam("id") String id) {
        return RollbackView.of(rollbacks.rollback(id));
    }
}
