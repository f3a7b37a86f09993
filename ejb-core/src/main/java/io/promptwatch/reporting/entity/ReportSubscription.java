package io.promptwatch.reporting.entity;

import io.promptwatch.alerting.entity.CommaList;
import io.promptwatch.problem.ProblemException;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A standing order for digests: every report of {@link #type} (of one prompt, or of every prompt
 * when {@link #promptId} is null) that a job stores goes to {@link #channels}, alerting's channels
 * named by id. Like an alert rule it names its channels rather than holding their addresses, so a
 * channel changed in one place is changed for both.
 */
@Entity
@Table(name = "report_subscription")
@NamedQuery(name = ReportSubscription.ALL, query = "SELECT s FROM ReportSubscription s ORDER BY s.createdAt, s.id")
@NamedQuery(name = ReportSubscription.OF_TYPE, query = "SELECT s FROM ReportSubscription s WHERE s.type = :type ORDER BY s.createdAt, s.id")
public class ReportSubscription {

    public static final String ALL = "ReportSubscription.all";
    public static final String OF_TYPE = "ReportSubscription.ofType";
    /** The width of prompt_id in every table. */
    static final int MAX_PROMPT_ID = 64;
    /** The channels column's width over a channel id's 36 characters and a comma: 50 channels. */
    static final int MAX_CHANNELS = 50;
    /** alert_channel.id: a UUID. */
    static final int MAX_CHANNEL_ID = 36;

    @Id
    private String id;
    @Convert(converter = ReportTypeColumn.class)
    private ReportType type;
    @Column(name = "prompt_id")
    private String promptId;
    @Convert(converter = CommaList.class)
    private List<String> channels;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "created_by")
    private String createdBy;

    protected ReportSubscription() {
    }

    /**
     * @param promptId a daily subscription's prompt, or null for every prompt; a comprehensive report
     *                 covers all prompts, so its subscription names none
     * @param channels at least one channel id (duplicates are dropped); whether they exist is the
     *                 boundary's to check
     */
    public ReportSubscription(ReportType type, String promptId, List<String> channels, String createdBy, Instant now) {
        if (type == null) {
            throw ProblemException.invalid("type", "is required: daily or comprehensive");
        }
        if (promptId != null && (promptId.isBlank() || promptId.length() > MAX_PROMPT_ID)) {
            throw ProblemException.invalid("promptId", "a prompt id of 1 to " + MAX_PROMPT_ID + " characters, or left out for every prompt");
        }
        if (type == ReportType.COMPREHENSIVE && promptId != null) {
            throw ProblemException.invalid("promptId", "a comprehensive report covers every prompt: leave promptId out");
        }
        if (channels == null || channels.isEmpty()) {
            throw ProblemException.invalid("channels", "name at least one channel id");
        }
        for (String channel : channels) {
            if (channel == null || channel.isEmpty() || channel.length() > MAX_CHANNEL_ID || channel.contains(",")) {
                throw ProblemException.invalid("channels", "'" + channel + "' is not a channel id");
            }
        }
        List<String> distinct = List.copyOf(new LinkedHashSet<>(channels));
        if (distinct.size() > MAX_CHANNELS) {
            throw ProblemException.invalid("channels", "at most " + MAX_CHANNELS + " channels");
        }
        this.id = UUID.randomUUID().toString();
        this.type = type;
        this.promptId = promptId;
        this.channels = distinct;
        this.createdBy = createdBy;
        this.createdAt = Objects.requireNonNull(now);
    }

    /** Whether a stored report of {@code reportType} about {@code reportPrompt} (null: all prompts) is for this subscription. */
    public boolean covers(ReportType reportType, String reportPrompt) {
        return type == reportType && (promptId == null || promptId.equals(reportPrompt));
    }

    public String id() {
        return id;
    }

    public ReportType type() {
        return type;
    }

    public String promptId() {
        return promptId;
    }

    public List<String> channels() {
        return channels;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String createdBy() {
        return createdBy;
    }
}
