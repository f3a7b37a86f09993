package io.promptwatch.alerting.entity;

import io.promptwatch.persistence.BooleanAsSmallint;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The post-mortem of one rollback: what triggered it (a rule's alert, or an operator and a reason),
 * from which version to which, the metrics of the window before the switch, and once the window
 * after it has passed, its metrics and whether they recovered.
 */
@Entity
@Table(name = "rollback_record")
@NamedQuery(name = RollbackRecord.AUTOMATIC_SINCE, query = "SELECT r.at FROM RollbackRecord r "
        + "WHERE r.promptId = :promptId AND r.automatic = true AND r.at >= :since")
@NamedQuery(name = RollbackRecord.WATCHED, query = "SELECT r FROM RollbackRecord r WHERE r.verdict IS NULL AND r.watchUntil <= :now")
public class RollbackRecord {

    public static final String AUTOMATIC_SINCE = "RollbackRecord.automaticSince";
    public static final String WATCHED = "RollbackRecord.watched";

    @Id
    private String id;
    @Column(name = "prompt_id")
    private String promptId;
    @Column(name = "from_version")
    private String fromVersion;
    @Column(name = "to_version")
    private String toVersion;
    @Convert(converter = BooleanAsSmallint.class)
    private boolean automatic;
    @Column(name = "rule_id")
    private String ruleId;
    @Column(name = "alert_id")
    private String alertId;
    private String actor;
    private String reason;
    /** Column occurred_at: AT is a reserved word of Derby's SQL. */
    @Column(name = "occurred_at")
    private Instant at;
    @Column(name = "window_minutes")
    private int windowMinutes;
    @Lob
    @Column(name = "metrics_before")
    private String metricsBefore;
    @Column(name = "watch_until")
    private Instant watchUntil;
    @Lob
    @Column(name = "metrics_after")
    private String metricsAfter;
    @Convert(converter = BooleanAsSmallint.class)
    private Boolean recovered;
    private String verdict;

    protected RollbackRecord() {
    }

    /**
     * A rollback just done. {@code metricsBefore} is the reverted version's window before the switch
     * (JSON); the reinstated version is watched for one window of {@code watch} after it.
     */
    public RollbackRecord(String promptId, String fromVersion, String toVersion, boolean automatic, String ruleId,
                          String alertId, String actor, String reason, Instant at, Duration watch, String metricsBefore) {
        this.id = UUID.randomUUID().toString();
        this.promptId = promptId;
        this.fromVersion = fromVersion;
        this.toVersion = toVersion;
        this.automatic = automatic;
        this.ruleId = ruleId;
        this.alertId = alertId;
        this.actor = actor;
        this.reason = reason;
        this.at = at;
        this.windowMinutes = (int) watch.toMinutes();
        this.watchUntil = at.plus(watch);
        this.metricsBefore = metricsBefore;
    }

    /** The window after the switch has passed: its metrics (JSON) and the verdict on them. */
    public void watched(String metricsAfter, Boolean recovered, String verdict) {
        this.metricsAfter = metricsAfter;
        this.recovered = recovered;
        this.verdict = verdict.length() <= 500 ? verdict : verdict.substring(0, 500);
    }

    public String id() {
        return id;
    }

    public String promptId() {
        return promptId;
    }

    public String fromVersion() {
        return fromVersion;
    }

    public String toVersion() {
        return toVersion;
    }

    public boolean automatic() {
        return automatic;
    }

    public String ruleId() {
        return ruleId;
    }

    public String alertId() {
        return alertId;
    }

    public String actor() {
        return actor;
    }

    public String reason() {
        return reason;
    }

    public Instant at() {
        return at;
    }

    public Duration window() {
        return Duration.ofMinutes(windowMinutes);
    }

    public String metricsBefore() {
        return metricsBefore;
    }

    public Instant watchUntil() {
        return watchUntil;
    }

    public String metricsAfter() {
        return metricsAfter;
    }

    public Boolean recovered() {
        return recovered;
    }

    public String verdict() {
        return verdict;
    }
}
