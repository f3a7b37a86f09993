package io.promptwatch.reporting.entity;

import java.util.Locale;

/**
 * Which way a figure moved from one day to the next, as a word (JSON, prose) and an arrow (tables).
 * A move within the report's tolerance is {@link #FLAT}; the tolerance is a setting
 * ({@code promptwatch.reporting.trend.*}, see {@code reporting.control.Trends}).
 */
public enum Trend {
    UP("\u2191"), DOWN("\u2193"), FLAT("\u2192");

    private final String arrow;

    Trend(String arrow) {
        this.arrow = arrow;
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String arrow() {
        return arrow;
    }
}
