package io.promptwatch.registry.entity;

import io.promptwatch.hashing.Sha256;
import io.promptwatch.persistence.BooleanAsSmallint;
import io.promptwatch.persistence.StorableInstants;
import io.promptwatch.problem.ProblemException;
import io.promptwatch.problem.TextLength;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One immutable text of a prompt and its place in the lifecycle. The text and its SHA-256 are
 * fixed at construction; only the lifecycle fields change, through the moves below.
 */
@Entity
@Table(name = "prompt_version")
@NamedQuery(name = PromptVersion.BY_PROMPT,
        query = "SELECT v FROM PromptVersion v WHERE v.promptId = :promptId ORDER BY v.major, v.minor, v.patch")
@NamedQuery(name = PromptVersion.BY_PROMPT_AND_VERSION,
        query = "SELECT v FROM PromptVersion v WHERE v.promptId = :promptId AND v.version = :version")
@NamedQuery(name = PromptVersion.ACTIVE,
        query = "SELECT v FROM Prompt p, PromptVersion v WHERE v.promptId = p.id AND v.version = p.activeVersion ORDER BY p.id")
public class PromptVersion {

    public static final String BY_PROMPT = "PromptVersion.byPrompt";
    public static final String BY_PROMPT_AND_VERSION = "PromptVersion.byPromptAndVersion";
    /** Every prompt's active version, one query (the alert evaluator reads all of them each minute). */
    public static final String ACTIVE = "PromptVersion.active";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "prompt_id")
    private String promptId;
    private String version;
    private int major;
    private int minor;
    private int patch;
    @Lob
    private String text;
    @Column(name = "content_hash")
    private String contentHash;
    @Enumerated(EnumType.STRING)
    private VersionStatus status;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "created_by")
    private String createdBy;
    @Column(name = "deployed_at")
    private Instant deployedAt;
    @Column(name = "deployed_by")
    private String deployedBy;
    @Lob
    @Column(name = "exploration_trace")
    private String explorationTrace;
    @Embedded
    private Baseline baseline;
    @Lob
    private String thresholds;
    @Column(name = "rollback_to")
    private String rollbackTo;
    @Column(name = "auto_rollback")
    @Convert(converter = BooleanAsSmallint.class)
    private boolean autoRollback;

    protected PromptVersion() {
    }

    public PromptVersion(String promptId, SemanticVersion version, String text, String createdBy,
                         String explorationTrace, Baseline baseline, String thresholds, boolean autoRollback) {
        if (text == null || text.isBlank()) {
            throw ProblemException.invalid("text", "text is required and must not be blank");
        }
        this.promptId = promptId;
        this.version = version.toString();
        this.major = version.major();
        this.minor = version.minor();
        this.patch = version.patch();
        this.text = text;
        this.contentHash = Sha256.hex(text);
        this.createdBy = TextLength.atMost("createdBy", createdBy, 200);
        this.createdAt = StorableInstants.now();
        this.status = VersionStatus.DRAFT;
        this.explorationTrace = explorationTrace;
        this.baseline = baseline;
        this.thresholds = thresholds;
        this.autoRollback = autoRollback;
    }

    /**
     * Stages or deprecates this version, or refuses with the moves its state allows. Deploying goes
     * through {@link Prompt#deploy}, which knows the version it replaces.
     */
    public VersionStatus move(VersionStatus.Move move) {
        if (move == VersionStatus.Move.DEPLOY) {
            throw new IllegalArgumentException("version " + version + " of " + promptId + " is deployed by its prompt");
        }
        requireAllowed(move);
        VersionStatus from = status;
        status = VersionStatus.target(move);
        return from;
    }

    void requireAllowed(VersionStatus.Move move) {
        if (!status.allows(move)) {
            throw ProblemException.conflict("status", "cannot " + move.name().toLowerCase() + " version " + version
                    + " of " + promptId + ": it is " + status.label() + "; allowed moves: " + status.describeAllowedMoves());
        }
    }

    /** Becomes the active version, remembering where a rollback should lead; returns the state it left. */
    VersionStatus deploy(String by, String rollbackTo) {
        requireAllowed(VersionStatus.Move.DEPLOY);
        VersionStatus from = status;
        this.status = VersionStatus.ACTIVE;
        this.deployedAt = StorableInstants.now();
        this.deployedBy = by;
        this.rollbackTo = rollbackTo;
        return from;
    }

    /** Leaves service because another version became active: kept as staged, or deprecated. */
    void retire(boolean deprecate) {
        if (status != VersionStatus.ACTIVE) {
            throw new IllegalStateException("only the active version retires; " + version + " is " + status.label());
        }
        this.status = deprecate ? VersionStatus.DEPRECATED : VersionStatus.STAGED;
    }

    /** Comes back as the active version during a rollback, whatever state it had; returns that state. */
    VersionStatus reinstate(String by) {
        if (status == VersionStatus.ACTIVE) {
            throw new IllegalStateException("version " + version + " is active already");
        }
        VersionStatus from = status;
        this.status = VersionStatus.ACTIVE;
        this.deployedAt = StorableInstants.now();
        this.deployedBy = by;
        return from;
    }

    public boolean verifyIntegrity() {
        return Sha256.hex(text).equals(contentHash);
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

    public SemanticVersion semanticVersion() {
        return new SemanticVersion(major, minor, patch);
    }

    public String text() {
        return text;
    }

    public String contentHash() {
        return contentHash;
    }

    public VersionStatus status() {
        return status;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant deployedAt() {
        return deployedAt;
    }

    public String deployedBy() {
        return deployedBy;
    }

    public String explorationTrace() {
        return explorationTrace;
    }

    public Baseline baseline() {
        return baseline;
    }

    public String thresholds() {
        return thresholds;
    }

    public String rollbackTo() {
        return rollbackTo;
    }

    public boolean autoRollback() {
        return autoRollback;
    }
}
