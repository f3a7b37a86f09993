package io.promptwatch.reporting.entity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The renderings of a report, with the media type and file extension each is served and stored under. */
public enum ReportFormat {
    MARKDOWN("text/markdown; charset=utf-8", "md"),
    HTML("text/html; charset=utf-8", "html"),
    JSON("application/json", "json");

    private final String mediaType;
    private final String extension;

    ReportFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    /** By name ({@code markdown}), extension ({@code md}) or media type ({@code text/markdown}), any case. */
    public static Optional<ReportFormat> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.name().toLowerCase(Locale.ROOT).equals(t) || f.extension.equals(t)
                || f.mediaType.startsWith(t + ";") || f.mediaType.equals(t)).findFirst();
    }
}
