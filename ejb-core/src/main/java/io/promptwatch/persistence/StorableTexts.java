package io.promptwatch.persistence;

import io.promptwatch.problem.ProblemException;

/**
 * The texts both databases can hold: any but those holding U+0000, which PostgreSQL's text type
 * cannot store (the statement fails, and with it every record of a group commit). Derby could store
 * it; it is refused there too, so that data moves between the two. Every text a request brings to be
 * stored is checked here where it is read, and refused naming its field.
 */
public final class StorableTexts {

    /** Why a text is refused, as a refusal's detail says it. */
    public static final String REFUSAL = "must not contain the NUL character (U+0000)";

    private StorableTexts() {
    }

    public static boolean storable(String text) {
        return text == null || text.indexOf('\u0000') < 0;
    }

    /** {@code text} when it can be stored ({@code null} stays {@code null}); otherwise refused naming {@code field}. */
    public static String require(String field, String text) {
        if (!storable(text)) {
            throw ProblemException.invalid(field, REFUSAL);
        }
        return text;
    }
}
