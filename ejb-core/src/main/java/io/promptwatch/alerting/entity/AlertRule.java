package io.promptwatch.alerting.entity;

import io.promptwatch.persistence.BooleanAsSmallint;
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
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A condition on a version's metrics over a window, what to do when it holds, and whom to tell. The
 * limit is a fixed threshold, the version's baseline times a factor, or (anomaly) the version's own
 * usual range for the hour of day. Without a prompt it applies to every active version; with a
 * prompt and no version, to that prompt's active version; with both, to that version while it runs.
 */
@Entity
@Table(name = "alert_rule")
@NamedQuery(name = AlertRule.ALL, query = "SELECT r FROM AlertRule r ORDER BY r.createdAt, r.id")
public class AlertRule {

    public static final String ALL = "AlertRule.all";
    static final int MAX_NAME = 200;
    static final int MAX_CHANNEL_IDS = 2000;
    /** Robust z beyond which a value is unusual, when a rule names none (3.5 as Iglewicz and Hoaglin propose). */
    public static final double DEFAULT_SENSITIVITY = 3.5;

    @Id
    private String id;
    private String name;
    @Convert(converter = MetricColumn.class)
    private AlertMetric metric;
    @Convert(converter = ComparisonColumn.class)
    private Comparison comparison;
    private Double threshold;
    @Column(name = "baseline_factor")
    private Double baselineFactor;
    private Double sensitivity;
    @Column(name = "window_minutes")
    private int windowMinutes;
    @Column(name = "min_samples")
    private long minSamples;
    @Enumerated(EnumType.STRING)
    private Severity severity;
    @Convert(converter = CommaList.class)
    private List<String> actions;
    @Column(name = "prompt_id")
    private String promptId;
    private String version;
    @Convert(converter = CommaList.class)
    private List<String> channels;
    @Column(name = "repeat_after_s")
    private Long repeatAfterSeconds;
    @Column(name = "escalate_after_s")
    private Long escalateAfterSeconds;
    @Convert(converter = CommaList.class)
    @Column(name = "escalation_channels")
    private List<String> escalationChannels;
    @Convert(converter = BooleanAsSmallint.class)
    private boolean enabled;
    /** One of the rules a fresh install starts with (SPEC §4); editable like any other. */
    @Convert(converter = BooleanAsSmallint.class)
    private boolean shipped;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Column(name = "updated_by")
    private String updatedBy;

    protected AlertRule() {
    }

    public AlertRule(RuleDefinition definition, boolean shipped, String actor, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.shipped = shipped;
        this.createdAt = now;
        replace(definition, actor, now);
    }

    /** Replaces the whole definition, checked as a new one would be. */
    public void replace(RuleDefinition d, String actor, Instant now) {
        if (d.name() == null || d.name().isBlank() || d.name().length() > MAX_NAME) {
            throw ProblemException.invalid("name", "is required, at most " + MAX_NAME + " characters");
        }
        require(d.metric(), "metric", "one of " + AlertMetric.labels());
        require(d.comparison(), "comparison", "'>', '<' or 'anomaly'");
        require(d.window(), "window", "a window such as 5m");
        require(d.severity(), "severity", "'warning' or 'critical'");
        if (d.comparison() == Comparison.ANOMALY) {
            if (d.threshold() != null || d.baselineFactor() != null) {
                throw ProblemException.invalid(d.threshold() != null ? "threshold" : "baselineFactor",
                        "an anomaly rule compares with the version's usual range for the hour, not with a limit");
            }
            if (d.sensitivity() != null && !(d.sensitivity() > 0 && d.sensitivity() <= 100)) {
                throw ProblemException.invalid("sensitivity", "a robust z-score between 0 (exclusive) and 100");
            }
            if (d.metric() == AlertMetric.CALIBRATION_DRIFT) {
                throw ProblemException.invalid("metric", "calibration_drift has no hourly history; compare it with a threshold");
            }
        } else {
            if (d.sensitivity() != null) {
                throw ProblemException.invalid("sensitivity", "only an anomaly rule has a sensitivity");
            }
            if ((d.threshold() == null) == (d.baselineFactor() == null)) {
                throw ProblemException.invalid("threshold", "give a threshold or a baselineFactor, exactly one");
            }
            if (d.threshold() != null && !Double.isFinite(d.threshold())) {
                throw ProblemException.invalid("threshold", "must be a finite number");
            }
            if (d.baselineFactor() != null) {
                if (!(d.baselineFactor() > 0 && d.baselineFactor() < 1000)) {
                    throw ProblemException.invalid("baselineFactor", "a factor above 0 and below 1000");
                }
                if (!d.metric().hasBaseline()) {
                    throw ProblemException.invalid("baselineFactor", d.metric().label()
                            + " has no baseline in a deployment specification; compare it with a threshold");
                }
            }
        }
        if (d.minSamples() < 1) {
            throw ProblemException.invalid("minSamples", "at least 1");
        }
        if (d.actions() == null || d.actions().isEmpty()) {
            throw ProblemException.invalid("actions", "at least one of alert, auto_rollback, flag_for_review");
        }
        if (d.version() != null && d.promptId() == null) {
            throw ProblemException.invalid("version", "a version belongs to a prompt: give promptId as well");
        }
        checkFits(d.channels(), "channels");
        checkFits(d.escalationChannels(), "escalationChannels");
        checkPositive(d.repeatAfter(), "repeatAfter");
        checkPositive(d.escalateAfter(), "escalateAfter");
        List<String> escalation = d.escalationChannels() == null ? List.of() : List.copyOf(d.escalationChannels());
        if (d.escalateAfter() != null && escalation.isEmpty()) {
            throw ProblemException.invalid("escalationChannels", "escalateAfter needs the channels to escalate to");
        }
        this.name = d.name();
        this.metric = d.metric();
        this.comparison = d.comparison();
        this.threshold = d.threshold();
        this.baselineFactor = d.baselineFactor();
        this.sensitivity = d.comparison() == Comparison.ANOMALY
                ? (d.sensitivity() == null ? DEFAULT_SENSITIVITY : d.sensitivity()) : null;
        this.windowMinutes = (int) d.window().toMinutes();
        this.minSamples = d.minSamples();
        this.severity = d.severity();
        this.actions = EnumSet.copyOf(d.actions()).stream().map(RuleAction::label).toList();
        this.promptId = d.promptId();
        this.version = d.version();
        this.channels = d.channels() == null ? List.of() : List.copyOf(d.channels());
        this.repeatAfterSeconds = d.repeatAfter() == null ? null : d.repeatAfter().toSeconds();
        this.escalateAfterSeconds = d.escalateAfter() == null ? null : d.escalateAfter().toSeconds();
        this.escalationChannels = escalation;
        this.enabled = d.enabled();
        this.updatedAt = now;
        this.updatedBy = actor;
    }

    private static void require(Object value, String field, String what) {
        if (value == null) {
            throw ProblemException.invalid(field, "is required: " + what);
        }
    }

    /** A list of channel ids is one column of {@value #MAX_CHANNEL_IDS} characters (a few dozen channels). */
    private static void checkFits(List<String> ids, String field) {
        if (ids != null && String.join(",", ids).length() > MAX_CHANNEL_IDS) {
            throw ProblemException.invalid(field, "at most " + MAX_CHANNEL_IDS + " characters of channel ids, commas included");
        }
    }

    private static void checkPositive(Duration duration, String field) {
        if (duration != null && (duration.isNegative() || duration.isZero() || duration.toDays() > 366)) {
            throw ProblemException.invalid(field, "a positive ISO-8601 duration of at most a year, e.g. PT30M");
        }
    }

    /** Whether the rule watches this version of this prompt. */
    public boolean covers(String promptId, String version) {
        return enabled && (this.promptId == null || this.promptId.equals(promptId))
                && (this.version == null || this.version.equals(version));
    }

    /** The limit for a version: the threshold, or its baseline times the factor ({@code null}: no baseline). */
    public Double limitFor(Double baseline) {
        if (threshold != null) {
            return threshold;
        }
        return baselineFactor == null || baseline == null ? null : baseline * baselineFactor;
    }

    public boolean does(RuleAction action) {
        return actions.contains(action.label());
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public AlertMetric metric() {
        return metric;
    }

    public Comparison comparison() {
        return comparison;
    }

    public Double threshold() {
        return threshold;
    }

    public Double baselineFactor() {
        return baselineFactor;
    }

    public Double sensitivity() {
        return sensitivity;
    }

    public Duration window() {
        return Duration.ofMinutes(windowMinutes);
    }

    public long minSamples() {
        return minSamples;
    }

    public Severity severity() {
        return severity;
    }

    public Set<RuleAction> actions() {
        return actions.stream().map(a -> RuleAction.valueOf(a.toUpperCase()))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(RuleAction.class)));
    }

    public String promptId() {
        return promptId;
    }

    public String version() {
        return version;
    }

    public List<String> channels() {
        return channels;
    }

    public Duration repeatAfter() {
        return repeatAfterSeconds == null ? null : Duration.ofSeconds(repeatAfterSeconds);
    }

    public Duration escalateAfter() {
        return escalateAfterSeconds == null ? null : Duration.ofSeconds(escalateAfterSeconds);
    }

    public List<String> escalationChannels() {
        return escalationChannels;
    }

    public boolean enabled() {
        return enabled;
    }

    public boolean shipped() {
        return shipped;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public String updatedBy() {
        return updatedBy;
    }
}
