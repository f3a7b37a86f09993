package io.promptwatch.api.registry;

import io.promptwatch.api.JsonBodies;
import io.promptwatch.api.RequestObject;
import io.promptwatch.registry.entity.Prompt;
import io.promptwatch.registry.entity.PromptSnapshot;
import io.promptwatch.registry.entity.PromptVersion;
import io.promptwatch.registry.entity.RegistryEvent;
import io.promptwatch.registry.entity.VersionStatus;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** The registry's request and answer documents. */
public final class RegistryJson {

    private RegistryJson() {
    }

    public record CreatePrompt(String id, String name, String description, List<String> tags, String privacyMode) {
        public CreatePrompt {
            RequestObject.storable("id", id);
            RequestObject.storable("name", name);
            RequestObject.storable("description", description);
            RequestObject.storable("tags", tags);
        }
    }

    public record CreateVersion(String version, String text, String createdBy, JsonObject explorationTrace,
                         BaselineJson baseline, JsonObject thresholds, Boolean autoRollback) {
        public CreateVersion {
            RequestObject.storable("version", version);
            RequestObject.storable("text", text);
            RequestObject.storable("createdBy", createdBy);
        }
    }

    public record Deploy(String reason, String rollbackTo, Boolean deprecatePrevious) {
        public Deploy {
            RequestObject.storable("reason", reason);
            RequestObject.storable("rollbackTo", rollbackTo);
        }
    }

    public record Reason(String reason) {
        public Reason {
            RequestObject.storable("reason", reason);
        }
    }

    public record PromptView(String id, String name, String description, Set<String> tags, String privacyMode,
                      String activeVersion, Instant createdAt, String createdBy) {
        static PromptView of(Prompt p) {
            return new PromptView(p.id(), p.name(), p.description(), p.tags(),
                    p.privacyMode() == null ? null : p.privacyMode().label(), p.activeVersion(), p.createdAt(), p.createdBy());
        }
    }

    public record VersionView(String promptId, String version, String text, String contentHash, String status,
                       Instant createdAt, String createdBy, Instant deployedAt, String deployedBy,
                       JsonValue explorationTrace, BaselineJson baseline, JsonValue thresholds, String rollbackTo,
                       boolean autoRollback) {
        static VersionView of(PromptVersion v) {
            return new VersionView(v.promptId(), v.version(), v.text(), v.contentHash(), v.status().label(),
                    v.createdAt(), v.createdBy(), v.deployedAt(), v.deployedBy(), JsonBodies.parse(v.explorationTrace()),
                    BaselineJson.of(v.baseline()), JsonBodies.parse(v.thresholds()), v.rollbackTo(), v.autoRollback());
        }
    }

    public record ActiveView(String promptId, String version, String text, String contentHash, Instant deployedAt,
                      String deployedBy, String rollbackTo) {
        static ActiveView of(String promptId, PromptSnapshot.ActiveVersion a) {
            return new ActiveView(promptId, a.version(), a.text(), a.contentHash(), a.deployedAt(), a.deployedBy(),
                    a.rollbackTo());
        }
    }

    public record EventView(Long id, String promptId, String version, String action, String from, String to, String actor,
                     String reason, Instant at) {
        static EventView of(RegistryEvent e) {
            return new EventView(e.id(), e.promptId(), e.version(), e.action().name().toLowerCase(), label(e.fromStatus()),
                    label(e.toStatus()), e.actor(), e.reason(), e.occurredAt());
        }

        private static String label(VersionStatus s) {
            return s == null ? null : s.label();
        }
    }
}
