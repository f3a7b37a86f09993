package io.promptwatch.api.alerting;

import io.promptwatch.alerting.boundary.AlertRules;
import io.promptwatch.alerting.boundary.RuleRequest;
import io.promptwatch.alerting.entity.Alert;
import io.promptwatch.alerting.entity.AlertRule;
import io.promptwatch.alerting.entity.RuleAction;
import io.promptwatch.api.RequestObject;
import io.promptwatch.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/**
 * Alert rules over HTTP: admins write them, everyone who reads may see them. A body is read field by
 * field ({@link RequestObject}), so a value of the wrong type is a 400 naming its field, as is what
 * {@link AlertRules} refuses; a member the rule does not have is refused too, since a misspelt
 * {@code "enable": false} would otherwise leave a rule paging people. The view's read-only members
 * may be sent back (a rule read, changed and put back), and are ignored.
 */
@Path("alert-rules")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AlertRulesResource {

    private static final Set<String> FIELDS = Set.of("name", "metric", "comparison", "threshold", "baselineFactor",
            "sensitivity", "window", "minSamples", "severity", "actions", "promptId", "version", "channels", "repeatAfter",
            "escalateAfter", "escalationChannels", "enabled");
    private static final Set<String> READ_ONLY = Set.of("id", "shipped", "createdAt", "updatedAt", "updatedBy");

    /**
     * A rule as answered: labels as a rule is written ({@code ">"}, {@code "5m"}, {@code "critical"},
     * {@code "auto_rollback"}), durations in ISO-8601, {@code shipped} for the rules of a fresh install.
     */
    public record RuleView(String id, String name, String metric, String comparison, Double threshold,
                           Double baselineFactor, Double sensitivity, String window, long minSamples, String severity,
                           List<String> actions, String promptId, String version, List<String> channels,
                           String repeatAfter, String escalateAfter, List<String> escalationChannels, boolean enabled,
                           boolean shipped, Instant createdAt, Instant updatedAt, String updatedBy) {
        static RuleView of(AlertRule r) {
            return new RuleView(r.id(), r.name(), r.metric().label(), r.comparison().symbol(), r.threshold(),
                    r.baselineFactor(), r.sensitivity(), window(r.window()), r.minSamples(), r.severity().label(),
                    r.actions().stream().map(RuleAction::label).toList(), r.promptId(), r.version(), r.channels(),
                    iso(r.repeatAfter()), iso(r.escalateAfter()), r.escalationChannels(), r.enabled(), r.shipped(),
                    r.createdAt(), r.updatedAt(), r.updatedBy());
        }

        private static String window(Duration window) {
            return Alert.label(window);
        }

        private static String iso(Duration duration) {
            return duration == null ? null : duration.toString();
        }
    }

    @EJB
    AlertRules rules;

    @Inject
    @ConfigProperty(name = "promptwatch.json.max-depth")
    int maxDepth;

    @Context
    SecurityContext security;

    @Context
    UriInfo uri;

    @POST
    @RolesAllowed(Role.ADMIN_NAME)
    @Operation(summary = "Create an alert rule: name, metric (error_rate, success_rate, latency_p50, latency_p95, "
            + "latency_p99, avg_feedback, avg_quality, cost_per_execution, volume, calibration_drift), comparison "
            + "('>', '<' or 'anomaly' with sensitivity), threshold or baselineFactor (exactly one, not for anomaly), "
            + "window (5m, 10m, 15m, 1h, 24h), minSamples (1), severity (warning, critical), actions (alert, "
            + "auto_rollback, flag_for_review), promptId and version (optional scope), channels, repeatAfter and "
            + "escalateAfter (ISO-8601), escalationChannels, enabled (true)")
    public Response create(@RequestBody(content = @Content(schema = @Schema(type = SchemaType.OBJECT))) String body) {
        AlertRule rule = rules.create(read(body), actor());
        return Response.created(uri.getAbsolutePathBuilder().path(rule.id()).build()).entity(RuleView.of(rule)).build();
    }

    @GET
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "Every alert rule, the shipped ones (SPEC §4) included, oldest first")
    public List<RuleView> list() {
        return rules.rules().stream().map(RuleView::of).toList();
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Role.VIEWER_NAME)
    public RuleView get(@PathParam("id") String id) {
        return RuleView.of(rules.rule(id));
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Role.ADMIN_NAME)
    @Operation(summary = "Replace a rule's whole definition (fields as for create; a shipped rule stays marked shipped)")
    public RuleView replace(@PathParam("id") String id,
                            @RequestBody(content = @Content(schema = @Schema(type = SchemaType.OBJECT))) String body) {
        return RuleView.of(rules.replace(id, read(body), actor()));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Role.ADMIN_NAME)
    @Operation(summary = "Delete a rule")
    public void delete(@PathParam("id") String id) {
        rules.delete(id);
    }

    private RuleRequest read(String text) {
        RequestObject body = RequestObject.parse(text, maxDepth);
        for (String name : body.names()) {
            if (!FIELDS.contains(name) && !READ_ONLY.contains(name)) {
                throw body.invalid(name, "a rule has no field '" + name + "'; its fields are " + String.join(", ", FIELDS.stream().sorted().toList()));
            }
        }
        return new RuleRequest(body.string("name", null), body.string("metric", null), body.string("comparison", null),
                optionalNumber(body, "threshold"), optionalNumber(body, "baselineFactor"),
                optionalNumber(body, "sensitivity"), body.string("window", null),
                body.has("minSamples") ? body.requiredWholeNumber("minSamples", 1, Long.MAX_VALUE) : null,
                body.string("severity", null), body.strings("actions", null), body.string("promptId", null),
                body.string("version", null), body.strings("channels", null), body.string("repeatAfter", null),
                body.string("escalateAfter", null), body.strings("escalationChannels", null), body.bool("enabled", null));
    }

    private static Double optionalNumber(RequestObject body, String name) {
        return body.has(name) ? body.requiredNumber(name) : null;
    }

    private String actor() {
        return security.getUserPrincipal().getName();
    }
}
