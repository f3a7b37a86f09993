package io.promptwatch.registry.boundary;

import io.promptwatch.registry.entity.Baseline;

/**
 * A version to register. {@code explorationTrace} and {@code thresholds} are JSON documents kept
 * as given; {@code createdBy} {@code null} means the caller.
 */
public record NewVersion(String version, String text, String createdBy, String explorationTrace,
                         Baseline baseline, String thresholds, boolean autoRollback) {
}
