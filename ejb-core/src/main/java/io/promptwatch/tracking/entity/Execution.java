package io.promptwatch.tracking.entity;

import io.promptwatch.persistence.BooleanAsSmallint;
import io.promptwatch.persistence.StorableInstants;
import io.promptwatch.problem.ProblemException;
import io.promptwatch.registry.entity.PrivacyMode;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One stored execution of a prompt version. Written by {@code ExecutionStore} (JDBC batch) from validated, privacy-filtered
 * {@link Fields}; afterwards only user feedback changes, through this entity.
 */
@Entity
@Table(name = "execution")
@NamedQuery(name = Execution.BY_KEY, query = "SELECT e FROM Execution e WHERE e.key = :key")
public class Execution {

    public static final String BY_KEY = "Execution.byKey";

    /** Assigned by the writer in commit order ({@code ExecutionWriter}); never generated here. */
    @Id
    private Long id;
    /** Compact idempotency key ({@code ExecutionKeys}). */
    @Column(name = "exec_key")
    private long key;
    @Column(name = "execution_id")
    private String executionId;
    @Column(name = "prompt_id")
    private String promptId;
    private String version;
    @Column(name = "template_id")
    private String templateId;
    private String model;
    @Column(name = "ts")
    private Instant timestamp;
    @Column(name = "latency_ms")
    private Double latencyMs;
    @Column(name = "input_tokens")
    private Integer inputTokens;
    @Column(name = "output_tokens")
    private Integer outputTokens;
    @Column(name = "total_tokens")
    private Integer totalTokens;
    private Double cost;
    @Convert(converter = BooleanAsSmallint.class)
    private boolean success;
    @Column(name = "error_type")
    private String errorType;
    @Column(name = "error_message")
    private String errorMessage;
    @Column(name = "user_feedback")
    private Integer userFeedback;
    @Column(name = "feedback_comment")
    private String feedbackComment;
    @Column(name = "feedback_at")
    private Instant feedbackAt;
    @Column(name = "quality_score")
    private Double qualityScore;
    @Column(name = "discrimination_score")
    private Double discriminationScore;
    @Column(name = "behavioral_score")
    private Double behavioralScore;
    private String difficulty;
    private String domain;
    private Double temperature;
    @Column(name = "conditional_path")
    private String conditionalPath;
    @Column(name = "user_id")
    private String userId;
    @Column(name = "session_id")
    private String sessionId;
    /** JSON array of strings. */
    private String tags;
    /** JSON object, already privacy-filtered. */
    @Lob
    private String metadata;
    @Enumerated(EnumType.STRING)
    @Column(name = "privacy_mode")
    private PrivacyMode privacyMode;
    @Column(name = "input_hash")
    private String inputHash;
    @Column(name = "output_hash")
    private String outputHash;
    @Lob
    @Column(name = "input_text")
    private String inputText;
    @Lob
    @Column(name = "output_text")
    private String outputText;
    @Column(name = "received_at")
    private Instant receivedAt;

    protected Execution() {
    }

    /**
     * A record's fields as the parser fills them. Ingest stores these directly with JDBC batch
     * inserts (ExecutionStore); the entity is how the rest of the application reads records.
     */
    public static final class Fields {
        public String executionId;
        public String promptId;
        public String version;
        public String templateId;
        public String model;
        public Instant timestamp;
        public Double latencyMs;
        public Integer inputTokens;
        public Integer outputTokens;
        public Integer totalTokens;
        public Double cost;
        public boolean success;
        public String errorType;
        public String errorMessage;
        public Integer userFeedback;
        public Double qualityScore;
        public Double discriminationScore;
        public Double behavioralScore;
        public String difficulty;
        public String domain;
        public Double temperature;
        public String conditionalPath;
        public String userId;
        public String sessionId;
        public String tags;
        public String metadata;
        public PrivacyMode privacyMode;
        public String inputHash;
        public String outputHash;
        public String inputText;
        public String outputText;
        public Instant receivedAt;
    }

    /** Feedback that arrives after the execution; a later score replaces an earlier one. */
    public void giveFeedback(int score, String comment) {
        if (score < 1 || score > 5) {
            throw ProblemException.invalid("score", "score must be an integer from 1 to 5; got " + score);
        }
        this.userFeedback = score;
        this.feedbackComment = comment;
        this.feedbackAt = StorableInstants.now();
    }

    public Long id() { return id; }
    public long key() { return key; }
    public String executionId() { return executionId; }
    public String promptId() { return promptId; }
    public String version() { return version; }
    public String templateId() { return templateId; }
    public String model() { return model; }
    public Instant timestamp() { return timestamp; }
    public Double latencyMs() { return latencyMs; }
    public Integer inputTokens() { return inputTokens; }
    public Integer outputTokens() { return outputTokens; }
    public Integer totalTokens() { return totalTokens; }
    public Double cost() { return cost; }
    public boolean success() { return success; }
    public String errorType() { return errorType; }
    public String errorMessage() { return errorMessage; }
    public Integer userFeedback() { return userFeedback; }
    public String feedbackComment() { return feedbackComment; }
    public Instant feedbackAt() { return feedbackAt; }
    public Double qualityScore() { return qualityScore; }
    public Double discriminationScore() { return discriminationScore; }
    public Double behavioralScore() { return behavioralScore; }
    public String difficulty() { return difficulty; }
    public String domain() { return domain; }
    public Double temperature() { return temperature; }
    public String conditionalPath() { return conditionalPath; }
    public String userId() { return userId; }
    public String sessionId() { return sessionId; }
    public String tags() { return tags; }
    public String metadata() { return metadata; }
    public PrivacyMode privacyMode() { return privacyMode; }
    public String inputHash() { return inputHash; }
    public String outputHash() { return outputHash; }
    public String inputText() { return inputText; }
    public String outputText() { return outputText; }
    public Instant receivedAt() { return receivedAt; }
}
