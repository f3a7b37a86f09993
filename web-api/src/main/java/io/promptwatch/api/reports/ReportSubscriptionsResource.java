package io.promptwatch.api.reports;

import io.promptwatch.api.RequestObject;
import io.promptwatch.reporting.boundary.ReportSubscriptions;
import io.promptwatch.reporting.entity.ReportSubscription;
import io.promptwatch.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/**
 * Report digests (README "Reports"): which stored reports go to which notification channels.
 * Admin only, like the channels and the rules that send to them: a subscription decides where
 * report figures leave the server.
 */
@Path("report-subscriptions")
@RequestScoped
@RolesAllowed(Role.ADMIN_NAME)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ReportSubscriptionsResource {

    private static final Set<String> FIELDS = Set.of("type", "promptId", "channels");
    private static final Set<String> READ_ONLY = Set.of("id", "createdAt", "createdBy");

    /** A subscription as answered; {@code promptId} null: every prompt (always so for comprehensive). */
    public record SubscriptionView(String id, String type, String promptId, List<String> channels, Instant createdAt,
                                   String createdBy) {
        static SubscriptionView of(ReportSubscription s) {
            return new SubscriptionView(s.id(), s.type().label(), s.promptId(), s.channels(), s.createdAt(), s.createdBy());
        }
    }

    @EJB
    ReportSubscriptions subscriptions;

    @Inject
    @ConfigProperty(name = "promptwatch.json.max-depth")
    int maxDepth;

    @Context
    SecurityContext security;

    @Context
    UriInfo uri;

    @POST
    @Operation(summary = "Subscribe channels to reports: type (daily, comprehensive), promptId (optional, daily only: "
            + "without it every prompt's daily report), channels (channel ids). Every report of the kind a job stores, "
            + "a rerun too, then goes to each channel: Slack the summary with a link, e-mail the HTML, a webhook the JSON")
    public Response create(@RequestBody(content = @Content(schema = @Schema(type = SchemaType.OBJECT))) String text) {
        RequestObject body = RequestObject.parse(text, maxDepth);
        for (String name : body.names()) {
            if (!FIELDS.contains(name) && !READ_ONLY.contains(name)) {
                throw body.invalid(name, "a report subscription has no field '" + name + "'; its fields are type, promptId, channels");
            }
        }
        ReportSubscription created = subscriptions.create(body.string("type", null), body.string("promptId", null),
                body.strings("channels", null), security.getUserPrincipal().getName());
        return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build()).entity(SubscriptionView.of(created))
                .build();
    }

    @GET
    @Operation(summary = "Every report subscription, oldest first")
    public List<SubscriptionView> list() {
        return subscriptions.subscriptions().stream().map(SubscriptionView::of).toList();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One report subscription; unknown id 404")
    public SubscriptionView get(@PathParam("id") String id) {
        return SubscriptionView.of(subscriptions.subscription(id));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Stop a subscription's digests; unknown id 404")
    public void delete(@PathParam("id") String id) {
        subscriptions.delete(id);
    }
}
