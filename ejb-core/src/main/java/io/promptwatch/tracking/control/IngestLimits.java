package io.promptwatch.tracking.control;

import java.time.Duration;

/** The configurable bounds a record must stay within. */
public record IngestLimits(int maxTextChars, int maxMetadataChars, Duration maxClockSkew) {
}
