package io.promptwatch.api.keys;

import io.promptwatch.problem.ProblemException;
import io.promptwatch.security.boundary.ApiKeys;
import io.promptwatch.security.boundary.IssuedKey;
import io.promptwatch.security.entity.ApiKey;
import io.promptwatch.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
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
import org.eclipse.microprofile.openapi.annotations.Operation;

/** API keys: issue (the secret is in this answer only), list (never secrets), revoke. Admin only. */
@Path("keys")
@RequestScoped
@RolesAllowed(Role.ADMIN_NAME)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class KeysResource {

    public record CreateKey(String name, List<String> roles) {
    }

    public record KeyView(String id, String name, List<String> roles, Instant createdAt, String createdBy,
                          Instant revokedAt, String key) {
        static KeyView of(ApiKey k, String secret) {
            return new KeyView(k.id(), k.name(), k.roles().stream().map(Role::label).toList(), k.createdAt(),
                    k.createdBy(), k.revokedAt(), secret);
        }
    }

    @EJB
    ApiKeys keys;

    @Context
    SecurityContext security;

    @Context
    UriInfo uri;

    @POST
    @Operation(summary = "Issue a key; the secret 'key' is shown in this answer only")
    public Response issue(CreateKey body) {
        if (body == null) {
            throw ProblemException.invalid("body", "a JSON object with name and roles is required");
        }
        IssuedKey issued = keys.issue(body.name(), body.roles(), security.getUserPrincipal().getName());
        return Response.created(uri.getAbsolutePathBuilder().path(issued.key().id()).build())
                .entity(KeyView.of(issued.key(), issued.secret())).build();
    }

    @GET
    public List<KeyView> list() {
        return keys.keys().stream().map(k -> KeyView.of(k, null)).toList();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Revoke a key; it is refused from the next request on")
    public KeyView revoke(@PathParam("id") String id) {
        return KeyView.of(keys.revoke(id), null);
    }
}
