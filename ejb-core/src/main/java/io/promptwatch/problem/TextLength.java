package io.promptwatch.problem;

/**
 * Text that must fit its column: refused naming the field, where a longer value would fail the
 * insert (a truncation error, a 500) after the rest of the request had been checked.
 */
public final class TextLength {

    private TextLength() {
    }

    /** {@code text} when it is at most {@code max} characters ({@code null} stays {@code null}). */
    public static String atMost(String field, String text, int max) {
        if (text != null && text.length() > max) {
            throw ProblemException.invalid(field, "is longer than " + max + " characters");
        }
        return text;
    }
}
