package io.promptwatch.api.alerting;

import io.promptwatch.alerting.boundary.ChannelRequest;
import io.promptwatch.alerting.boundary.Channels;
import io.promptwatch.alerting.entity.AlertChannel;
import io.promptwatch.alerting.entity.DeliveryOutcome;
import io.promptwatch.alerting.entity.ChannelType;
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
import java.net.URI;
import java.net.URISyntaxException;
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
 * Notification channels over HTTP, admin only even for reading: a channel's address may be its
 * credential. No answer carries a webhook's signing {@code secret}; a Slack URL, which is Slack's
 * secret, is shown with its path masked, and the user and password a URL may hold are masked too.
 * Putting back a channel as read (with the masked URL) keeps the stored URL, as leaving out the
 * {@code secret} keeps the stored secret.
 */
@Path("channels")
@RequestScoped
@RolesAllowed(Role.ADMIN_NAME)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ChannelsResource {

    /** What a masked part of a URL is shown as. */
    static final String MASK = "…";
    private static final Set<String> FIELDS = Set.of("name", "type", "url", "secret", "to");
    private static final Set<String> READ_ONLY = Set.of("id", "signed", "createdAt", "createdBy");

    /** A channel as answered: {@code signed} says whether a webhook has a secret; {@code to} is an e-mail channel's. */
    public record ChannelView(String id, String name, String type, String url, boolean signed, List<String> to,
                              Instant createdAt, String createdBy) {
        static ChannelView of(AlertChannel c) {
            return new ChannelView(c.id(), c.name(), c.type().label(), shownUrl(c), c.signed(),
                    c.recipients().isEmpty() ? null : c.recipients(), c.createdAt(), c.createdBy());
        }
    }

    @EJB
    Channels channels;

    @Inject
    @ConfigProperty(name = "promptwatch.json.max-depth")
    int maxDepth;

    @Context
    SecurityContext security;

    @Context
    UriInfo uri;

    @POST
    @Operation(summary = "Create a channel: name, type (webhook, slack, email); url for webhook and slack, secret "
            + "(optional, webhook only: the body is signed with HMAC-SHA256), to (addresses) for email. The secret is "
            + "never answered; a Slack URL is answered masked")
    public Response create(@RequestBody(content = @Content(schema = @Schema(type = SchemaType.OBJECT))) String body) {
        AlertChannel channel = channels.create(read(body, null), security.getUserPrincipal().getName());
        return Response.created(uri.getAbsolutePathBuilder().path(channel.id()).build()).entity(ChannelView.of(channel))
                .build();
    }

    @GET
    @Operation(summary = "Every channel, by name (no secrets; Slack URLs masked)")
    public List<ChannelView> list() {
        return channels.channels().stream().map(ChannelView::of).toList();
    }

    @GET
    @Path("{id}")
    public ChannelView get(@PathParam("id") String id) {
        return ChannelView.of(channels.channel(id));
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Replace a channel (fields as for create). Without secret a webhook keeps its secret; the "
            + "masked url as answered keeps the stored URL")
    public ChannelView replace(@PathParam("id") String id,
                               @RequestBody(content = @Content(schema = @Schema(type = SchemaType.OBJECT))) String body) {
        return ChannelView.of(channels.replace(id, read(body, id)));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a channel; 409 while a rule sends to it")
    public void delete(@PathParam("id") String id) {
        channels.delete(id);
    }

    /** How a test message went: delivered or not, the HTTP status or the SMTP error, when. */
    public record TestView(boolean delivered, Integer httpStatus, String detail, Instant at) {
    }

    @POST
    @Path("{id}/test")
    @Operation(summary = "Send a test message through the channel now and answer how it went (not retried)")
    public TestView test(@PathParam("id") String id) {
        DeliveryOutcome outcome = channels.test(id);
        return new TestView(outcome.delivered(), outcome.httpStatus(), outcome.detail(), outcome.at());
    }

    /** The request; for a replacement ({@code id} given) the masked URL as answered stands for the stored one. */
    private ChannelRequest read(String text, String id) {
        RequestObject body = RequestObject.parse(text, maxDepth);
        for (String name : body.names()) {
            if (!FIELDS.contains(name) && !READ_ONLY.contains(name)) {
                throw body.invalid(name, "a channel has no field '" + name + "'; its fields are name, type, url, secret, to");
            }
        }
        String url = body.string("url", null);
        if (id != null && url != null && url.contains(MASK)) {
            AlertChannel stored = channels.channel(id);
            if (url.equals(shownUrl(stored))) {
                url = stored.url();
            }
        }
        return new ChannelRequest(body.string("name", null), body.string("type", null), url, body.string("secret", null),
                body.strings("to", null));
    }

    /**
     * The URL as answered. A Slack incoming webhook's path is its secret: only the host and the first
     * path segment ({@code https://hooks.slack.com/services/…}) are shown, and of a one-segment path
     * nothing. A user and password in any URL are masked; the rest of a webhook URL is shown.
     */
    static String shownUrl(AlertChannel channel) {
        String url = channel.url();
        if (url == null) {
            return null;
        }
        URI u;
        try {
            u = new URI(url);
        } catch (URISyntaxException e) {
            return MASK; // a stored URL was checked; should one not parse, show nothing of it
        }
        String origin = u.getScheme() + "://" + (u.getRawUserInfo() == null ? "" : MASK + "@") + u.getHost()
                + (u.getPort() == -1 ? "" : ":" + u.getPort());
        String path = u.getRawPath() == null ? "" : u.getRawPath();
        if (channel.type() == ChannelType.SLACK) {
            String[] segments = path.split("/", -1);
            if (segments.length > 2 && !segments[1].isEmpty()) {
                return origin + "/" + segments[1] + "/" + MASK;
            }
            return path.isEmpty() && u.getRawQuery() == null && u.getRawFragment() == null ? origin : origin + "/" + MASK;
        }
        if (u.getRawUserInfo() == null) {
            return url;
        }
        return origin + path + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery())
                + (u.getRawFragment() == null ? "" : "#" + u.getRawFragment());
    }
}
