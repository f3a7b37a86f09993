package io.promptwatch.registry.boundary;

import io.promptwatch.registry.entity.PrivacyMode;
import java.util.Set;

/** A prompt to register; {@code privacyMode} {@code null} follows the server's setting. */
public record NewPrompt(String id, String name, String description, Set<String> tags, PrivacyMode privacyMode) {
}
