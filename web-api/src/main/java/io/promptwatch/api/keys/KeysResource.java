package io.promptwatch.api.keys;

import io.promptwatch.api.JsonBodies;
import io.promptwatch.api.RequestObject;
import io.promptwatch.api.security.KeyPrincipal;
import io.promptwatch.problem.ProblemException;
import io.promptwatch.security.boundary.ApiKeys;
import io.promptwatch.security.boundary.IssuedKey;
import io.promptwatch.security.boundary.RequestedLimit;
import io.promptwatch.security.entity.ApiKey;
import io.promptwatch.security.entity.KeyIdentity;
import io.promptwatch.security.entity.RateLimit;
import io.promptwatch.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.servlet.http.HttpServletRequest;
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
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * API keys: issue and rotate (the secret is in that answer only), list (never secrets), revoke:
 * admin only. And {@code me}, for any key: who the caller is, so that a client (the dashboard) can
 * show only what the key may do without trying each operation; the server still checks every call.
 */
@Path("keys")
@RequestScoped
@RolesAllowed(Role.ADMIN_NAME)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class KeysResource {

    /** {@code expiresAt}: ISO-8601, in the future; {@code rateLimits}: by request class ({@code ingest}, {@code analysis}). */
    public record CreateKey(String name, List<String> roles, String expiresAt, Map<String, RequestedLimit> rateLimits) {
        public CreateKey {
            RequestObject.storable("name", name);
            RequestObject.storable("roles", roles);
        }
    }

    public record RotateKey(Long graceSeconds) {
    }

    public record LimitView(long perSecond, long burst) {
    }

    /**
     * A key as listed. {@code lastUsedAt} is written every {@code promptwatch.security.last-used-flush-seconds};
     * {@code previousKeyValidUntil} is when the secret the last rotation replaced stops working;
     * {@code rateLimits} holds the key's own limits only (the settings apply to the other classes).
     */
    public record KeyView(String id, String name, List<String> roles, Instant createdAt, String createdBy,
                          Instant revokedAt, Instant expiresAt, Instant lastUsedAt, Instant rotatedAt,
                          Instant previousKeyValidUntil, Map<String, LimitView> rateLimits, String key) {
        static KeyView of(ApiKey k, String secret) {
            Map<String, LimitView> limits = new TreeMap<>();
            k.rateLimits().forEach((requestClass, limit) -> limits.put(requestClass.label(), view(limit)));
            return new KeyView(k.id(), k.name(), k.roles().stream().map(Role::label).toList(), k.createdAt(),
                    k.createdBy(), k.revokedAt(), k.expiresAt(), k.lastUsedAt(), k.rotatedAt(), k.previousValidUntil(),
                    limits.isEmpty() ? null : limits, secret);
        }

        private static LimitView view(RateLimit limit) {
            return new LimitView(limit.perSecond(), limit.burst());
        }
    }

    /** The calling key: its id and name, its effective roles (implied ones included) and until when it works. */
    public record Caller(String id, String name, List<String> roles, Instant validUntil) {
    }

    @EJB
    ApiKeys keys;

    @Context
    SecurityContext security;

    @Context
    UriInfo uri;

    @POST
    @Operation(summary = "Issue a key; the secret 'key' is shown in this answer only. Optional: expiresAt (ISO-8601, "
            + "in the future), rateLimits {\"ingest\"|\"analysis\": {\"perSecond\", \"burst\"}}")
    public Response issue(CreateKey body) {
        if (body == null) {
            throw ProblemException.invalid("body", "a JSON object with name and roles is required");
        }
        IssuedKey issued = keys.issue(body.name(), body.roles(), JsonBodies.instant("expiresAt", body.expiresAt()),
                body.rateLimits(), security.getUserPrincipal().getName());
        return Response.created(uri.getAbsolutePathBuilder().path(issued.key().id()).build())
                .entity(KeyView.of(issued.key(), issued.secret())).build();
    }

    @GET
    @Path("me")
    @RolesAllowed({Role.INGEST_NAME, Role.VIEWER_NAME, Role.OPERATOR_NAME, Role.ADMIN_NAME})
    @Operation(summary = "The calling key: id, name, effective roles (admin includes every role, operator includes viewer) "
            + "and validUntil (null: until revoked); any role")
    public Caller me(@Context HttpServletRequest request) {
        if (!(request.getAttribute(KeyPrincipal.ATTRIBUTE) instanceof KeyIdentity identity)) {
            throw new IllegalStateException("an authenticated request without its key identity");
        }
        return new Caller(identity.keyId(), identity.name(),
                identity.roles().stream().sorted().map(Role::label).toList(), identity.validUntil());
    }

    @GET
    public List<KeyView> list() {
        return keys.keys().stream().map(k -> KeyView.of(k, null)).toList();
    }

    @POST
    @Path("{id}/rotate")
    @Operation(summary = "Give the key a new secret 'key', shown in this answer only; the old one keeps working for "
            + "graceSeconds (default and most: promptwatch.security.rotation-grace-seconds). 409 for a revoked or expired key")
    public KeyView rotate(@PathParam("id") String id, String body) {
        RotateKey rotation = JsonBodies.optional(body, RotateKey.class, new RotateKey(null));
        IssuedKey rotated = keys.rotate(id, rotation.graceSeconds());
        return KeyView.of(rotated.key(), rotated.secret());
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Revoke a key; it is refused from the next request on")
    public KeyView revoke(@PathParam("id") String id) {
        return KeyView.of(keys.revoke(id), null);
    }
}
