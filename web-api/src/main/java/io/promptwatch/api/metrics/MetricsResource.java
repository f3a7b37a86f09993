package io.promptwatch.api.metrics;

import io.promptwatch.api.JsonBodies;
import io.promptwatch.metrics.boundary.MetricsQuery;
import io.promptwatch.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Metrics answered from the rollups (SPEC §3); a prompt's period summary is under /prompts/{id}/summary. */
@Path("metrics")
@RequestScoped
@RolesAllowed(Role.VIEWER_NAME)
@Produces(MediaType.APPLICATION_JSON)
public class MetricsResource {

    @EJB
    MetricsQuery metrics;

    @GET
    @Operation(summary = "Series of buckets with every metric, ordered by time. Filters: promptId, version, model, "
            + "tag (prompts carrying the registry tag), domain; window 1m|5m|1h|6h|24h|7d (default: the coarsest giving "
            + "promptwatch.metrics.min-buckets buckets, never 6h); from/to ISO-8601, widened to whole buckets.")
    public MetricsQuery.Series series(@QueryParam("promptId") String promptId, @QueryParam("version") String version,
                                      @QueryParam("model") String model, @QueryParam("tag") String tag,
                                      @QueryParam("domain") String domain, @QueryParam("window") String window,
                                      @QueryParam("from") String from, @QueryParam("to") String to) {
        return metrics.series(new MetricsQuery.Filter(promptId, version, model, tag, domain), window,
                JsonBodies.instant("from", from), JsonBodies.instant("to", to));
    }

    @GET
    @Path("models")
    @Operation(summary = "Every metric per model over [from, to), all prompts.")
    public MetricsQuery.Table models(@QueryParam("from") String from, @QueryParam("to") String to) {
        return metrics.models(JsonBodies.instant("from", from), JsonBodies.instant("to", to));
    }

    @GET
    @Path("versions")
    @Operation(summary = "Every metric per version of one prompt over [from, to).")
    public MetricsQuery.Table versions(@QueryParam("promptId") String promptId, @QueryParam("from") String from,
                                       @QueryParam("to") String to) {
        return metrics.versions(promptId, JsonBodies.instant("from", from), JsonBodies.instant("to", to));
    }

    @GET
    @Path("rollup")
    @Operation(summary = "Stored records not yet folded into the rollups (0: metrics are up to date), in all and per window.")
    public MetricsQuery.RollupProgress rollup() {
        return metrics.rollupProgress();
    }
}
