package io.promptwatch.registry.entity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How much of an execution's input and output text reaches the database. */
public enum PrivacyMode {
    /** Only the SHA-256 of the text is stored. */
    HASH,
    /** The text is stored with personal data and secrets replaced. */
    REDACT,
    /** The text is stored as sent. */
    RAW;

    public static Optional<PrivacyMode> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(m -> m.label().equals(text.trim().toLowerCase(Locale.ROOT))).findFirst();
    }

    public static String labels() {
        return Arrays.stream(values()).map(PrivacyMode::label).collect(Collectors.joining(", "));
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
