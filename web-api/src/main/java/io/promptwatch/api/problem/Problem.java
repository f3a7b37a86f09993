package io.promptwatch.api.problem;

import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;

/**
 * An RFC 9457 problem document with Promptwatch's extensions: the {@code field} at fault and,
 * when several fields are wrong, all of them in {@code errors}.
 */
public record Problem(String type, String title, int status, String detail, String field, List<FieldProblem> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One field and what is wrong with it. */
    public record FieldProblem(String field, String message) {
    }

    public static Problem of(int status, String title, String detail, String field) {
        return of(status, title, detail, field, null);
    }

    public static Problem of(int status, String title, String detail, String field, List<FieldProblem> errors) {
        String type = "urn:promptwatch:problem:" + title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        return new Problem(type, title, status, detail, field, errors);
    }

    public Response.ResponseBuilder toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this);
    }
}
