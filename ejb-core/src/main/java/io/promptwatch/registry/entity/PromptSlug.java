package io.promptwatch.registry.entity;

import io.promptwatch.problem.ProblemException;
import java.util.regex.Pattern;

/** Prompt ids are slugs: lower-case letters and digits in words joined by single hyphens. */
public final class PromptSlug {

    public static final int MAX_LENGTH = 64;
    private static final Pattern FORMAT = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private PromptSlug() {
    }

    public static boolean isValid(String id) {
        return id != null && id.length() <= MAX_LENGTH && FORMAT.matcher(id).matches();
    }

    /** Returns {@code id} when it is a slug, otherwise refuses it naming {@code field}. */
    public static String require(String field, String id) {
        if (!isValid(id)) {
            throw ProblemException.invalid(field, "must be a slug of at most " + MAX_LENGTH
                    + " characters: lower-case letters and digits, words joined by single hyphens (e.g. support-triage); got '"
                    + id + "'");
        }
        return id;
    }
}
