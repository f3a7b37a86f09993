package io.promptwatch.experiments.boundary;

/** The version a subject should use now, and the experiment arm that chose it (null outside experiments). */
public record VersionAssignment(String promptId, String version, String text, String contentHash, String experimentId,
                         Integer arm) {
}
