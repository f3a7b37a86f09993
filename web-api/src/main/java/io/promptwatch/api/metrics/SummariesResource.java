package io.promptwatch.api.metrics;

import io.promptwatch.api.JsonBodies;
import io.promptwatch.metrics.boundary.PeriodSummary;
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

/**
 * Every prompt's period summary a page at a time: what an overview of many prompts needs in one call
 * instead of a summary and a series per prompt.
 */
@Path("summaries")
@RequestScoped
@RolesAllowed(Role.VIEWER_NAME)
@Produces(MediaType.APPLICATION_JSON)
public class SummariesResource {

    @EJB
    PeriodSummary summaries;

    @GET
    @Operation(summary = "A page of prompts (by id) with their last period (1h, 24h or 7d) beside the period before: "
            + "the totals and deltas /prompts/{id}/summary answers, and sparklines of the overview's figures (one value "
            + "per bucket, as /metrics?promptId&from&to); limit (promptwatch.summaries.page.default, at most .max); "
            + "pass the answer's next as after for the following page.")
    public PeriodSummary.Page list(@QueryParam("period") String period, @QueryParam("after") String after,
                                   @QueryParam("limit") String limit) {
        return summaries.page(period, after, JsonBodies.integer("limit", limit));
    }
}
