package io.promptwatch.registry.entity;

import io.promptwatch.persistence.StorableInstants;
import io.promptwatch.problem.TextLength;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** The audit trail of the registry: who changed what, when, from which state to which, and why. */
@Entity
@Table(name = "registry_event")
@NamedQuery(name = RegistryEvent.BY_PROMPT,
        query = "SELECT e FROM RegistryEvent e WHERE e.promptId = :promptId ORDER BY e.occurredAt, e.id")
public class RegistryEvent {

    public static final String BY_PROMPT = "RegistryEvent.byPrompt";

    public enum Action {
        CREATE_PROMPT, REGISTER, STAGE, DEPLOY, RETIRE, DEPRECATE, ROLLBACK
    }

    /** The reason column's length. */
    public static final int MAX_REASON = 2000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "prompt_id")
    private String promptId;
    private String version;
    @Enumerated(EnumType.STRING)
    private Action action;
    @Enumerated(EnumType.STRING)
    @Column(name = "from_status")
    private VersionStatus fromStatus;
    @Enumerated(EnumType.STRING)
    @Column(name = "to_status")
    private VersionStatus toStatus;
    private String actor;
    private String reason;
    @Column(name = "occurred_at")
    private Instant occurredAt;

    protected RegistryEvent() {
    }

    public RegistryEvent(String promptId, String version, Action action, VersionStatus fromStatus,
                         VersionStatus toStatus, String actor, String reason) {
        this.promptId = promptId;
        this.version = version;
        this.action = action;
        this.fromStatus = fromStatus;
        this.toStatus = toStatus;
        this.actor = actor;
        this.reason = TextLength.atMost("reason", reason, MAX_REASON);
        this.occurredAt = StorableInstants.now();
    }

    public Long id() {
        return id;
    }

    public String promptId() {
        return promptId;
    }

    public String version() {
        return version;
    }

    public Action action() {
        return action;
    }

    public VersionStatus fromStatus() {
        return fromStatus;
    }

    public VersionStatus toStatus() {
        return toStatus;
    }

    public String actor() {
        return actor;
    }

    public String reason() {
        return reason;
    }

    public Instant occurredAt() {
        return occurredAt;
    }
}
