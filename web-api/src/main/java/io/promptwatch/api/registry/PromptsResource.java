package io.promptwatch.api.registry;

import io.promptwatch.alerting.boundary.Rollbacks;
import io.promptwatch.alerting.entity.RollbackRecord;
import io.promptwatch.api.JsonBodies;
import io.promptwatch.api.registry.RegistryJson.ActiveView;
import io.promptwatch.api.registry.RegistryJson.CreatePrompt;
import io.promptwatch.api.registry.RegistryJson.CreateVersion;
import io.promptwatch.api.registry.RegistryJson.Deploy;
import io.promptwatch.api.registry.RegistryJson.EventView;
import io.promptwatch.api.registry.RegistryJson.PromptView;
import io.promptwatch.api.registry.RegistryJson.Reason;
import io.promptwatch.api.registry.RegistryJson.VersionView;
import io.promptwatch.experiments.boundary.Experiments;
import io.promptwatch.experiments.boundary.VersionAssignment;
import io.promptwatch.metrics.boundary.PeriodSummary;
import io.promptwatch.problem.ProblemException;
import io.promptwatch.registry.boundary.NewPrompt;
import io.promptwatch.registry.boundary.NewVersion;
import io.promptwatch.registry.boundary.PromptRegistry;
import io.promptwatch.registry.entity.PrivacyMode;
import io.promptwatch.registry.entity.PromptVersion;
import io.promptwatch.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The prompt registry over HTTP: prompts, versions, lifecycle moves, the active version, the audit trail. */
@Path("prompts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PromptsResource {

    @EJB
    PeriodSummary summaries;

    @EJB
    PromptRegistry registry;

    @EJB
    Experiments experiments;

    @EJB
    Rollbacks rollbacks;

    @Context
    SecurityContext security;

    @Context
    UriInfo uri;

    @POST
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "Register a prompt (id is a unique slug)")
    public Response create(CreatePrompt body) {
        if (body == null) {
            throw ProblemException.invalid("body", "a JSON object with id and name is required");
        }
        PrivacyMode privacy = body.privacyMode() == null ? null : PrivacyMode.parse(body.privacyMode())
                .orElseThrow(() -> ProblemException.invalid("privacyMode", "must be one of " + PrivacyMode.labels()));
        if (body.tags() != null && body.tags().contains(null)) {
            throw ProblemException.invalid("tags", "tags are strings; got null");
        }
        Set<String> tags = body.tags() == null ? Set.of() : new TreeSet<>(body.tags());
        var prompt = registry.createPrompt(new NewPrompt(body.id(), body.name(), body.description(), tags, privacy), actor());
        return Response.created(uri.getAbsolutePathBuilder().path(prompt.id()).build()).entity(PromptView.of(prompt)).build();
    }

    @GET
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "List prompts")
    public List<PromptView> list() {
        return registry.prompts().stream().map(PromptView::of).toList();
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Role.VIEWER_NAME)
    public PromptView get(@PathParam("id") String id) {
        return PromptView.of(registry.prompt(id));
    }

    @POST
    @Path("{id}/versions")
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "Register a version (status draft; the server computes contentHash)")
    public Response register(@PathParam("id") String id, CreateVersion body) {
        if (body == null) {
            throw ProblemException.invalid("body", "a JSON object with version and text is required");
        }
        PromptVersion version = registry.registerVersion(id, new NewVersion(body.version(), body.text(), body.createdBy(),
                JsonBodies.text(body.explorationTrace()), body.baseline() == null ? null : body.baseline().toBaseline(),
                JsonBodies.text(body.thresholds()), body.autoRollback() == null || body.autoRollback()), actor());
        return Response.created(uri.getAbsolutePathBuilder().path(version.version()).build())
                .entity(VersionView.of(version)).build();
    }

    @GET
    @Path("{id}/summary")
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "The prompt's last period (1h, 24h or 7d) beside the period before it: totals, per version, "
            + "per model, absolute and relative deltas, top error types; from the rollups.")
    public PeriodSummary.Summary summary(@PathParam("id") String id, @QueryParam("period") String period) {
        return summaries.summarize(id, period);
    }

    @GET
    @Path("{id}/versions")
    @RolesAllowed(Role.VIEWER_NAME)
    public List<VersionView> versions(@PathParam("id") String id) {
        return registry.versions(id).stream().map(VersionView::of).toList();
    }

    @GET
    @Path("{id}/versions/{version}")
    @RolesAllowed(Role.VIEWER_NAME)
    public VersionView version(@PathParam("id") String id, @PathParam("version") String version) {
        return VersionView.of(registry.version(id, version));
    }

    @POST
    @Path("{id}/versions/{version}/stage")
    @RolesAllowed(Role.OPERATOR_NAME)
    public VersionView stage(@PathParam("id") String id, @PathParam("version") String version, String body) {
        Reason reason = JsonBodies.optional(body, Reason.class, new Reason(null));
        return VersionView.of(registry.stage(id, version, actor(), reason.reason()));
    }

    @POST
    @Path("{id}/versions/{version}/deploy")
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "Make a staged version active; the previous active one becomes its rollback reference")
    public VersionView deploy(@PathParam("id") String id, @PathParam("version") String version, String body) {
        Deploy deploy = JsonBodies.optional(body, Deploy.class, new Deploy(null, null, null));
        return VersionView.of(registry.deploy(id, version, actor(), deploy.reason(), deploy.rollbackTo(),
                Boolean.TRUE.equals(deploy.deprecatePrevious())));
    }

    @POST
    @Path("{id}/versions/{version}/deprecate")
    @RolesAllowed(Role.OPERATOR_NAME)
    public VersionView deprecate(@PathParam("id") String id, @PathParam("version") String version, String body) {
        Reason reason = JsonBodies.optional(body, Reason.class, new Reason(null));
        return VersionView.of(registry.deprecate(id, version, actor(), reason.reason()));
    }

    @GET
    @Path("{id}/active")
    @RolesAllowed({Role.VIEWER_NAME, Role.INGEST_NAME})
    @Operation(summary = "The active version (served from a cache that deploy and rollback drop)")
    public ActiveView active(@PathParam("id") String id) {
        return ActiveView.of(id, registry.active(id));
    }

    @GET
    @Path("{id}/resolve")
    @RolesAllowed({Role.VIEWER_NAME, Role.INGEST_NAME})
    @Operation(summary = "The version a subject (user or session) should use: its sticky experiment arm while an "
            + "experiment runs, the active version otherwise")
    public VersionAssignment resolve(@PathParam("id") String id, @QueryParam("subject") String subject) {
        return experiments.resolve(id, subject);
    }

    @POST
    @Path("{id}/rollback")
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "Revert to the active version's rollback reference (a reason is required); the post-mortem "
            + "is at /rollbacks")
    public VersionView rollback(@PathParam("id") String id, String body) {
        Reason reason = JsonBodies.optional(body, Reason.class, new Reason(null));
        if (reason.reason() == null || reason.reason().isBlank()) {
            throw ProblemException.invalid("reason", "a rollback needs a reason");
        }
        RollbackRecord done = rollbacks.manual(id, actor(), reason.reason());
        return VersionView.of(registry.version(id, done.toVersion()));
    }

    @GET
    @Path("{id}/events")
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "Every change of the prompt: who, when, from, to, reason")
    public List<EventView> events(@PathParam("id") String id) {
        return registry.events(id).stream().map(EventView::of).toList();
    }

    private String actor() {
        return security.getUserPrincipal().getName();
    }
}
