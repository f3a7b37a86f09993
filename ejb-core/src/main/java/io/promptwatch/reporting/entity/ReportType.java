package io.promptwatch.reporting.entity;

import io.promptwatch.problem.ProblemException;
import java.util.Arrays;
import java.util.Locale;

/** The two kinds of stored report: one prompt's UTC day, or all prompts over a number of whole days. */
public enum ReportType {
    DAILY("daily"), COMPREHENSIVE("comprehensive");

    private final String label;

    ReportType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** By label, any case; a 400 naming {@code field} otherwise. */
    public static ReportType parse(String field, String text) {
        return Arrays.stream(values()).filter(t -> t.label.equals(text == null ? null : text.toLowerCase(Locale.ROOT)))
                .findFirst().orElseThrow(() -> ProblemException.invalid(field, field + " must be daily or comprehensive; got '"
                        + text + "'"));
    }
}
