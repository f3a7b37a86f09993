package io.promptwatch.alerting.entity;

import io.promptwatch.problem.ProblemException;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A rule that held on a version, from the evaluation that first saw it until it resolves. While it
 * is open it holds the key rule|prompt|version, which the database keeps unique: one open alert per
 * triple, however many evaluations (or servers) see the condition.
 */
@Entity
@Table(name = "alert")
@NamedQuery(name = Alert.OPEN, query = "SELECT a FROM Alert a WHERE a.openKey IS NOT NULL")
@NamedQuery(name = Alert.OPEN_BY_KEY, query = "SELECT a FROM Alert a WHERE a.openKey = :key")
public class Alert {

    public static final String OPEN = "Alert.open";
    public static final String OPEN_BY_KEY = "Alert.openByKey";
    static final int MAX_NOTE = 2000;

    @Id
    private String id;
    @Column(name = "open_key")
    private String openKey;
    @Column(name = "rule_id")
    private String ruleId;
    @Column(name = "rule_name")
    private String ruleName;
    @Enumerated(EnumType.STRING)
    private AlertKind kind;
    @Column(name = "prompt_id")
    private String promptId;
    private String version;
    @Column(name = "experiment_id")
    private String experimentId;
    @Enumerated(EnumType.STRING)
    private AlertState state;
    @Enumerated(EnumType.STRING)
    private Severity severity;
    @Convert(converter = MetricColumn.class)
    private AlertMetric metric;
    @Convert(converter = ComparisonColumn.class)
    private Comparison comparison;
    private Double observed;
    @Column(name = "limit_value")
    private Double limit;
    @Column(name = "window_minutes")
    private Integer windowMinutes;
    private Long samples;
    private String detail;
    @Column(name = "fired_at")
    private Instant firedAt;
    @Column(name = "last_seen_at")
    private Instant lastSeenAt;
    @Column(name = "clear_since")
    private Instant clearSince;
    @Column(name = "notified_at")
    private Instant notifiedAt;
    @Column(name = "escalated_at")
    private Instant escalatedAt;
    @Column(name = "acknowledged_at")
    private Instant acknowledgedAt;
    @Column(name = "acknowledged_by")
    private String acknowledgedBy;
    @Column(name = "acknowledge_note")
    private String acknowledgeNote;
    @Column(name = "resolved_at")
    private Instant resolvedAt;
    @Column(name = "resolved_by")
    private String resolvedBy;
    @Column(name = "resolve_note")
    private String resolveNote;

    protected Alert() {
    }

    private Alert(AlertKind kind, AlertRule rule, String promptId, String version, Severity severity, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.kind = kind;
        this.ruleId = rule.id();
        this.ruleName = rule.name();
        this.promptId = promptId;
        this.version = version;
        this.severity = severity;
        this.metric = rule.metric();
        this.comparison = rule.comparison();
        this.windowMinutes = (int) rule.window().toMinutes();
        this.state = AlertState.FIRING;
        this.firedAt = now;
        this.lastSeenAt = now;
        this.openKey = openKey(kind, rule.id(), promptId, version);
    }

    /** A rule that holds on a version now. */
    public static Alert fire(AlertRule rule, String promptId, String version, String experimentId, Observation seen, Instant now) {
        Alert alert = new Alert(AlertKind.RULE, rule, promptId, version, rule.severity(), now);
        alert.experimentId = experimentId;
        alert.record(seen);
        return alert;
    }

    /** An automatic rollback that was due and did not happen: critical whatever the rule's severity. */
    public static Alert manualIntervention(AlertRule rule, String promptId, String version, Observation seen,
                                           String why, Instant now) {
        Alert alert = new Alert(AlertKind.MANUAL_INTERVENTION, rule, promptId, version, Severity.CRITICAL, now);
        alert.record(seen);
        alert.detail = clip(why);
        return alert;
    }

    /** A window as rules name it: 5m, 10m, 15m, 1h, 24h. */
    public static String label(Duration window) {
        long minutes = window.toMinutes();
        return minutes % 60 == 0 ? minutes / 60 + "h" : minutes + "m";
    }

    /** The key an open alert of this kind, rule, prompt and version holds. */
    public static String openKey(AlertKind kind, String ruleId, String promptId, String version) {
        return kind.label() + "|" + ruleId + "|" + promptId + "|" + version;
    }

    /** The condition holds again (or still): the latest figures, and no longer clearing. */
    public void stillHolds(Observation seen, Instant now) {
        record(seen);
        lastSeenAt = now;
        clearSince = null;
    }

    /**
     * The condition does not hold now. Resolves the alert once it has not held for one full window
     * (the window's records then all postdate the last bad one); true when it did.
     */
    public boolean clearAt(Instant now) {
        if (clearSince == null) {
            clearSince = now;
        }
        if (Duration.between(clearSince, now).compareTo(Duration.ofMinutes(windowMinutes == null ? 0 : windowMinutes)) >= 0) {
            close("system", "clear for a full window of " + windowMinutes + " minutes", now);
            return true;
        }
        return false;
    }

    public void notifiedAt(Instant now) {
        this.notifiedAt = now;
    }

    public void escalatedAt(Instant now) {
        this.escalatedAt = now;
    }

    /** Repeated while firing (not once acknowledged) every {@code repeatAfter} since the last notice. */
    public boolean repeatDue(Duration repeatAfter, Instant now) {
        return state == AlertState.FIRING && repeatAfter != null && notifiedAt != null
                && !now.isBefore(notifiedAt.plus(repeatAfter));
    }

    /** Escalated once, when nobody acknowledged it within {@code escalateAfter} of firing. */
    public boolean escalationDue(Duration escalateAfter, Instant now) {
        return state == AlertState.FIRING && escalateAfter != null && escalatedAt == null
                && !now.isBefore(firedAt.plus(escalateAfter));
    }

    public void acknowledge(String by, String note, Instant now) {
        if (state != AlertState.FIRING) {
            throw ProblemException.conflict("state", "the alert is " + state.label() + "; only a firing alert can be acknowledged");
        }
        checkNote(note);
        state = AlertState.ACKNOWLEDGED;
        acknowledgedAt = now;
        acknowledgedBy = by;
        acknowledgeNote = note;
    }

    public void resolve(String by, String note, Instant now) {
        if (state == AlertState.RESOLVED) {
            throw ProblemException.conflict("state", "the alert is resolved already");
        }
        checkNote(note);
        close(by, note, now);
    }

    private void close(String by, String note, Instant now) {
        state = AlertState.RESOLVED;
        resolvedAt = now;
        resolvedBy = by;
        resolveNote = note;
        openKey = null;
    }

    private void record(Observation seen) {
        observed = seen.value();
        limit = seen.limit();
        samples = seen.samples();
    }

    private static void checkNote(String note) {
        if (note != null && note.length() > MAX_NOTE) {
            throw ProblemException.invalid("note", "at most " + MAX_NOTE + " characters");
        }
    }

    private static String clip(String text) {
        return text == null || text.length() <= MAX_NOTE ? text : text.substring(0, MAX_NOTE);
    }

    public boolean open() {
        return state != AlertState.RESOLVED;
    }

    public String id() {
        return id;
    }

    public String ruleId() {
        return ruleId;
    }

    public String ruleName() {
        return ruleName;
    }

    public AlertKind kind() {
        return kind;
    }

    public String promptId() {
        return promptId;
    }

    public String version() {
        return version;
    }

    public String experimentId() {
        return experimentId;
    }

    public AlertState state() {
        return state;
    }

    public Severity severity() {
        return severity;
    }

    public AlertMetric metric() {
        return metric;
    }

    public Comparison comparison() {
        return comparison;
    }

    public Double observed() {
        return observed;
    }

    public Double limit() {
        return limit;
    }

    public Duration window() {
        return windowMinutes == null ? null : Duration.ofMinutes(windowMinutes);
    }

    public Long samples() {
        return samples;
    }

    public String detail() {
        return detail;
    }

    public Instant firedAt() {
        return firedAt;
    }

    public Instant lastSeenAt() {
        return lastSeenAt;
    }

    public Instant notifiedAt() {
        return notifiedAt;
    }

    public Instant escalatedAt() {
        return escalatedAt;
    }

    public Instant acknowledgedAt() {
        return acknowledgedAt;
    }

    public String acknowledgedBy() {
        return acknowledgedBy;
    }

    public String acknowledgeNote() {
        return acknowledgeNote;
    }

    public Instant resolvedAt() {
        return resolvedAt;
    }

    public String resolvedBy() {
        return resolvedBy;
    }

    public String resolveNote() {
        return resolveNote;
    }
}
