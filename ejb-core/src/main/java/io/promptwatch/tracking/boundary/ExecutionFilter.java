package io.promptwatch.tracking.boundary;

import java.time.Instant;

/** Which executions to list; every part may be {@code null} (no restriction). */
public record ExecutionFilter(String promptId, String version, String model, Boolean success, Instant from, Instant to) {
}
