package io.promptwatch.tracking.entity;

import java.time.Instant;

/**
 * Fired (synchronously, inside the changing transaction, before the record is written) when a
 * stored execution's user feedback changes, so derived figures can follow.
 */
public record FeedbackChanged(long recordId, Instant timestamp, String promptId, String version, String model,
                              String domain, Integer before, Integer after) {
}
