package io.promptwatch.security.entity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The kinds of request that are rate-limited, each with its own token bucket per key: writing
 * records ({@code POST /executions} and {@code /executions/batch}) and running analyses
 * ({@code /analysis/*}), which cost the server very differently.
 */
public enum RequestClass {
    INGEST, ANALYSIS;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<RequestClass> parse(String text) {
        return Arrays.stream(values()).filter(c -> c.label().equals(text)).findFirst();
    }

    public static String labels() {
        return Arrays.stream(values()).map(RequestClass::label).collect(Collectors.joining(", "));
    }
}
