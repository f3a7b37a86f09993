package io.promptwatch.api.alerting;

import io.promptwatch.alerting.boundary.AlertBook;
import io.promptwatch.alerting.boundary.AlertEvaluator;
import io.promptwatch.alerting.boundary.Alerts;
import io.promptwatch.alerting.entity.Alert;
import io.promptwatch.alerting.entity.AlertNotification;
import io.promptwatch.alerting.entity.AlertRule;
import io.promptwatch.api.JsonBodies;
import io.promptwatch.api.RequestObject;
import io.promptwatch.persistence.StorableInstants;
import io.promptwatch.problem.ProblemException;
import io.promptwatch.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Alerts: listed newest first in keyset pages, one with its rule and notifications, acknowledged and resolved by operators. */
@Path("alerts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AlertsResource {

    static final int MAX_LIMIT = 500;

    public record Note(String note) {
        public Note {
            RequestObject.storable("note", note);
        }
    }

    public record AlertView(String id, String kind, String state, String severity, String ruleId, String ruleName,
                            String promptId, String version, String metric, String comparison, Double value, Double limit,
                            String window, Long samples, String detail, Instant firedAt, Instant lastSeenAt,
                            Instant notifiedAt, Instant escalatedAt, Instant acknowledgedAt, String acknowledgedBy,
                            String acknowledgeNote, Instant resolvedAt, String resolvedBy, String resolveNote) {
        static AlertView of(Alert a) {
            return new AlertView(a.id(), a.kind().label(), a.state().label(), a.severity().label(), a.ruleId(), a.ruleName(),
                    a.promptId(), a.version(), a.metric() == null ? null : a.metric().label(),
                    a.comparison() == null ? null : a.comparison().symbol(), a.observed(), a.limit(),
                    a.window() == null ? null : Alert.label(a.window()), a.samples(), a.detail(), a.firedAt(),
                    a.lastSeenAt(), a.notifiedAt(), a.escalatedAt(), a.acknowledgedAt(), a.acknowledgedBy(),
                    a.acknowledgeNote(), a.resolvedAt(), a.resolvedBy(), a.resolveNote());
        }
    }

    public record NotificationView(String channelId, String channelName, String kind, int attempt, boolean delivered,
                                   Integer httpStatus, String detail, Instant at) {
        static NotificationView of(AlertNotification n) {
            return new NotificationView(n.channelId(), n.channelName(), n.kind(), n.attempt(), n.delivered(), n.httpStatus(),
                    n.detail(), n.at());
        }
    }

    public record RuleSummary(String id, String name, String metric, String comparison, Double threshold,
                              Double baselineFactor, Double sensitivity, String window, long minSamples, List<String> actions) {
        static RuleSummary of(AlertRule r) {
            return r == null ? null : new RuleSummary(r.id(), r.name(), r.metric().label(), r.comparison().symbol(), r.threshold(),
                    r.baselineFactor(), r.sensitivity(), Alert.label(r.window()), r.minSamples(),
                    r.actions().stream().map(a -> a.label()).toList());
        }
    }

    public record AlertDetail(AlertView alert, RuleSummary rule, List<NotificationView> notifications) {
    }

    public record AlertPage(List<AlertView> alerts, String next) {
    }

    @EJB
    Alerts alerts;

    @EJB
    AlertEvaluator evaluator;

    @Inject
    @ConfigProperty(name = "promptwatch.alerting.evaluator.allow-at")
    boolean allowAt;

    public record EvaluationView(Instant at, int versions, int rules, int checks, int fired, int resolved, int rollbacks,
                                 int manualInterventions, int notices) {
    }

    @Context
    SecurityContext security;

    @GET
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "Alerts newest first; filter by state (firing, acknowledged, resolved), promptId, severity, "
            + "from/to (fired at); pass the answer's next as after for the following page")
    public AlertPage list(@QueryParam("state") String state, @QueryParam("promptId") String promptId,
                          @QueryParam("severity") String severity, @QueryParam("from") String from, @QueryParam("to") String to,
                          @QueryParam("after") String after, @QueryParam("limit") Integer limit) {
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            throw ProblemException.invalid("limit", "between 1 and " + MAX_LIMIT);
        }
        Alerts.Page page = alerts.alerts(new Alerts.Selection(state, promptId, severity,
                from == null ? null : JsonBodies.instant("from", from), to == null ? null : JsonBodies.instant("to", to),
                after, limit == null ? 100 : limit));
        return new AlertPage(page.alerts().stream().map(AlertView::of).toList(), page.next());
    }

    @POST
    @Path("evaluations")
    @RolesAllowed(Role.ADMIN_NAME)
    @Operation(summary = "Evaluate every rule now instead of at the next timer (after changing rules, say); 409 when "
            + "another server holds the evaluator's lease")
    public EvaluationView evaluate(@QueryParam("at") String at) {
        Instant instant = StorableInstants.now();
        if (at != null) {
            if (!allowAt) {
                throw ProblemException.invalid("at", "evaluating at another instant is for tests only "
                        + "(promptwatch.alerting.evaluator.allow-at)");
            }
            instant = JsonBodies.instant("at", at);
        }
        AlertBook.Run run = evaluator.evaluate(instant);
        if (run == null) {
            throw ProblemException.conflict(null, "another server holds the evaluator's lease; it evaluates every "
                    + evaluator.interval());
        }
        return new EvaluationView(run.at(), run.versions(), run.rules(), run.checks(), run.fired(), run.resolved(),
                run.rollbacks(), run.manualInterventions(), run.dispatches().size());
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "One alert: the value and the limit it broke, window, samples, the rule, every notification with its outcome")
    public AlertDetail get(@PathParam("id") String id) {
        Alert alert = alerts.alert(id);
        return new AlertDetail(AlertView.of(alert), RuleSummary.of(alerts.ruleOf(alert)),
                alerts.notifications(id).stream().map(NotificationView::of).toList());
    }

    @POST
    @Path("{id}/acknowledge")
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "Acknowledge a firing alert (stops repeats and escalation), with an optional note")
    public AlertView acknowledge(@PathParam("id") String id, String body) {
        Note note = JsonBodies.optional(body, Note.class, new Note(null));
        return AlertView.of(alerts.acknowledge(id, security.getUserPrincipal().getName(), note.note()));
    }

    @POST
    @Path("{id}/resolve")
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "Resolve an open alert by hand, with an optional note; the rule's channels are told")
    public AlertView resolve(@PathParam("id") String id, String body) {
        Note note = JsonBodies.optional(body, Note.class, new Note(null));
        return AlertView.of(alerts.resolve(id, security.getUserPrincipal().getName(), note.note()));
    }
}
