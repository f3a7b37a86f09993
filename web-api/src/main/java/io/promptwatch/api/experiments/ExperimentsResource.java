package io.promptwatch.api.experiments;

import io.promptwatch.api.JsonBodies;
import io.promptwatch.api.RequestObject;
import io.promptwatch.experiments.boundary.ExperimentState;
import io.promptwatch.experiments.boundary.Experiments;
import io.promptwatch.experiments.boundary.NewExperiment;
import io.promptwatch.experiments.entity.Experiment;
import io.promptwatch.problem.ProblemException;
import io.promptwatch.security.entity.Role;
import io.promptwatch.statistics.boundary.Evaluation;
import io.promptwatch.statistics.entity.Decision;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Experiments over HTTP. Clients get their version from {@code GET /prompts/{id}/resolve?subject=}. */
@Path("experiments")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ExperimentsResource {

    public record Stop(String reason, Boolean deployWinner) {
        public Stop {
            RequestObject.storable("reason", reason);
        }
    }

    public record ArmView(String version, double weight) {
    }

    public record ExperimentView(String id, String promptId, String name, String metric, double alpha, double power,
                                 double minimumDetectableEffect, Double baselineRate, Double standardDeviation,
                                 long requiredSampleSizePerArm, String sampleSizeMethod, List<ArmView> arms, String status,
                                 Instant createdAt, String createdBy, Instant stoppedAt, String stoppedBy,
                                 String stopReason, Decision decision, String winner, String withdrawn, Evaluation results) {
        static ExperimentView of(Experiment x, Evaluation results) {
            return new ExperimentView(x.id(), x.promptId(), x.name(), x.metric(), x.alpha(), x.power(),
                    x.minimumDetectableEffect(), x.baselineRate(), x.standardDeviation(), x.requiredPerArm(),
                    "fixed-horizon size per arm for alpha / number of variants (Bonferroni) and the given power: "
                            + ("success".equals(x.metric()) ? "as R power.prop.test" : "noncentral t, as R power.t.test"),
                    x.arms().stream().map(a -> new ArmView(a.version(), a.weight())).toList(), x.status().name().toLowerCase(),
                    x.createdAt(), x.createdBy(), x.stoppedAt(), x.stoppedBy(), x.stopReason(), x.decision(), x.winner(), x.withdrawn(), results);
        }
    }

    @EJB
    Experiments experiments;

    @Context
    SecurityContext security;

    @Context
    UriInfo uri;

    @POST
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "Declare an experiment: promptId, controlVersion, variantVersions, metric, alpha, power, "
            + "minimumDetectableEffect, baselineRate (success) or standardDeviation (continuous), weights; answers the "
            + "required sample size per arm")
    public Response create(NewExperiment body) {
        if (body == null) {
            throw ProblemException.invalid("body", "a JSON object declaring the experiment is required");
        }
        Experiment x = experiments.create(body, security.getUserPrincipal().getName());
        return Response.created(uri.getAbsolutePathBuilder().path(x.id()).build()).entity(ExperimentView.of(x, null)).build();
    }

    @GET
    @RolesAllowed(Role.VIEWER_NAME)
    public List<ExperimentView> list() {
        return experiments.experiments().stream().map(x -> ExperimentView.of(x, null)).toList();
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "The experiment with its always-valid results now: samples per arm, progress, mSPRT p-values and "
            + "intervals (Holm-adjusted over variants) and the decision")
    public ExperimentView get(@PathParam("id") String id) {
        ExperimentState state = experiments.state(id);
        return ExperimentView.of(state.experiment(), state.evaluation());
    }

    @POST
    @Path("{id}/stop")
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "End the experiment; with deployWinner the winning variant is deployed through the registry")
    public ExperimentView stop(@PathParam("id") String id, String body) {
        Stop stop = JsonBodies.optional(body, Stop.class, new Stop(null, null));
        ExperimentState state = experiments.stop(id, security.getUserPrincipal().getName(), stop.reason(),
                Boolean.TRUE.equals(stop.deployWinner()));
        return ExperimentView.of(state.experiment(), state.evaluation());
    }
}
