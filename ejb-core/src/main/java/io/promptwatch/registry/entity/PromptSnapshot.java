package io.promptwatch.registry.entity;

import java.time.Instant;
import java.util.Set;

/**
 * What the hot paths need to know of a prompt, immutable and cacheable: its privacy mode, its
 * active version (may be {@code null}) and the versions it has.
 */
public record PromptSnapshot(String promptId, PrivacyMode privacyMode, ActiveVersion active, Set<String> versions) {

    /** The active version as served by {@code GET /prompts/{id}/active}. */
    public record ActiveVersion(String version, String text, String contentHash, Instant deployedAt,
                                String deployedBy, String rollbackTo) {
    }

    public boolean hasVersion(String version) {
        return versions.contains(version);
    }
}
