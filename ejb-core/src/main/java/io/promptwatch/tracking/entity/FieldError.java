package io.promptwatch.tracking.entity;

/**
 * Why one field of a record was refused. {@code unknownReference} marks a well-formed value that
 * names something the server does not have (a prompt, a version): 422 rather than 400.
 */
public record FieldError(String field, String message, boolean unknownReference) {

    public static FieldError invalid(String field, String message) {
        return new FieldError(field, message, false);
    }

    public static FieldError unknown(String field, String message) {
        return new FieldError(field, message, true);
    }
}
