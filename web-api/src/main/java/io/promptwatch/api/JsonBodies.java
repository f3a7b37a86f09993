package io.promptwatch.api;

import io.promptwatch.api.problem.ProblemMappers;
import io.promptwatch.persistence.StorableInstants;
import io.promptwatch.problem.ProblemException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import java.io.StringReader;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Reading request bodies that may be empty, and JSON documents kept as text. */
public final class JsonBodies {

    private static final Jsonb JSONB = JsonbBuilder.create();

    private JsonBodies() {
    }

    /** {@code body} bound to {@code type}, or {@code empty} when no body was sent or the body is {@code null}. */
    public static <T> T optional(String body, Class<T> type, T empty) {
        if (body == null || body.isBlank()) {
            return empty;
        }
        T bound;
        try {
            bound = JSONB.fromJson(body, type);
        } catch (JsonbException e) {
            // a refusal a record's constructor raised (RequestObject.storable) names its own field
            throw ProblemMappers.carriedRefusal(e)
                    .orElseGet(() -> ProblemException.invalid("body", "the body is not valid JSON of the expected shape"));
        }
        return bound == null ? empty : bound;
    }

    /** A stored JSON document as a JSON value for an answer ({@code null} stays {@code null}). */
    public static JsonValue parse(String json) {
        if (json == null) {
            return null;
        }
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readValue();
        }
    }

    /**
     * An ISO-8601 instant from a query or body field ({@code null} stays {@code null}); refused naming
     * the field when it is not one or lies outside the years a database column holds.
     */
    public static Instant instant(String field, String text) {
        try {
            return text == null ? null : StorableInstants.require(field, Instant.parse(text));
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "must be an ISO-8601 instant such as 2026-11-25T10:15:30Z");
        }
    }

    /**
     * A whole number from a query field ({@code null} stays {@code null}); refused naming the field when it
     * is not one (a query parameter bound as {@code Integer} would be a 404 from JAX-RS instead).
     */
    public static Integer integer(String field, String text) {
        try {
            return text == null ? null : Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.invalid(field, "must be a whole number; got '" + text + "'");
        }
    }

    public static String text(JsonObject json) {
        return json == null ? null : json.toString();
    }
}
