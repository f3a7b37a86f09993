package io.promptwatch.experiments.entity;

import io.promptwatch.persistence.StorableInstants;
import io.promptwatch.problem.ProblemException;
import io.promptwatch.problem.TextLength;
import io.promptwatch.statistics.entity.Decision;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A declared comparison of a prompt's versions: the first arm is the control. Its design (metric,
 * alpha, power, minimum detectable effect, weights) is fixed at creation; it ends once, with a
 * decision.
 */
@Entity
@Table(name = "experiment")
@NamedQuery(name = Experiment.ALL, query = "SELECT x FROM Experiment x ORDER BY x.createdAt DESC")
@NamedQuery(name = Experiment.RUNNING, query = "SELECT x FROM Experiment x WHERE x.status = :status")
@NamedQuery(name = Experiment.RUNNING_FOR_PROMPT,
        query = "SELECT x FROM Experiment x WHERE x.promptId = :promptId AND x.status = :status")
public class Experiment {

    /** Longest name and stop reason: the lengths of their columns. */
    public static final int MAX_NAME = 200;
    public static final int MAX_STOP_REASON = 2000;

    public static final String ALL = "Experiment.all";
    public static final String RUNNING_FOR_PROMPT = "Experiment.runningForPrompt";
    public static final String RUNNING = "Experiment.running";

    public enum Status {
        RUNNING, STOPPED
    }

    @Id
    private String id;
    @Column(name = "prompt_id")
    private String promptId;
    private String name;
    private String metric;
    private double alpha;
    private double power;
    @Column(name = "min_effect")
    private double minimumDetectableEffect;
    @Column(name = "baseline_rate")
    private Double baselineRate;
    @Column(name = "baseline_sd")
    private Double standardDeviation;
    @Column(name = "required_per_arm")
    private long requiredPerArm;
    @Enumerated(EnumType.STRING)
    private Status status;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "created_by")
    private String createdBy;
    @Column(name = "stopped_at")
    private Instant stoppedAt;
    @Column(name = "stopped_by")
    private String stoppedBy;
    @Column(name = "stop_reason")
    private String stopReason;
    @Convert(converter = DecisionColumn.class)
    private Decision decision;
    private String winner;
    /** Variants taken out of assignment by an alert rule, one line each: the version, when and why. */
    private String withdrawn;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "experiment_arm", joinColumns = @JoinColumn(name = "experiment_id"))
    @OrderColumn(name = "position")
    private List<Arm> arms = new ArrayList<>();

    protected Experiment() {
    }

    /**
     * An experiment of a validated design and arms, sized by the caller's power analysis. A name
     * longer than its column is refused; without one it is called after its versions ("1.0.0 vs
     * 1.1.0"), shortened with an ellipsis where many long versions would not fit the column.
     *
     * @param requiredPerArm the planned sample size per arm, at least 2
     */
    public Experiment(String promptId, String name, ExperimentDesign design, Arms arms, long requiredPerArm, String createdBy) {
        if (promptId == null) {
            throw new IllegalArgumentException("promptId is required");
        }
        if (requiredPerArm < 2) {
            throw new IllegalArgumentException("an experiment needs at least 2 records per arm; planned " + requiredPerArm);
        }
        this.id = UUID.randomUUID().toString();
        this.promptId = promptId;
        this.name = name == null || name.isBlank() ? shortened(String.join(" vs ", arms.versions()), MAX_NAME)
                : TextLength.atMost("name", name, MAX_NAME);
        this.metric = design.metric();
        this.alpha = design.alpha();
        this.power = design.power();
        this.minimumDetectableEffect = design.minimumDetectableEffect();
        this.baselineRate = design.baselineRate();
        this.standardDeviation = design.standardDeviation();
        this.requiredPerArm = requiredPerArm;
        this.arms = new ArrayList<>(arms.list());
        this.status = Status.RUNNING;
        this.createdBy = createdBy;
        this.createdAt = StorableInstants.now();
    }

    /**
     * Ends the experiment with the decision of its last evaluation; an experiment ends once, and a
     * reason longer than its column is refused.
     */
    public void stop(String by, String reason, Decision decision, String winner) {
        if (status == Status.STOPPED) {
            throw ProblemException.conflict("status", "experiment " + id + " was stopped at " + stoppedAt);
        }
        TextLength.atMost("reason", reason, MAX_STOP_REASON);
        this.status = Status.STOPPED;
        this.stoppedAt = StorableInstants.now();
        this.stoppedBy = by;
        this.stopReason = reason;
        this.decision = decision;
        this.winner = winner;
    }

    /**
     * Takes a variant out of assignment (weight 0) because it failed a rule, noting when and why; the
     * control arm stays (the active version's own alerts and rollback deal with it). False when the
     * experiment has ended, the version is not a variant of it, or it is out already.
     */
    public boolean withdraw(String version, String why, Instant at) {
        if (status != Status.RUNNING) {
            return false;
        }
        for (int i = 1; i < arms.size(); i++) {
            Arm arm = arms.get(i);
            if (arm.version().equals(version) && arm.weight() > 0) {
                arms.set(i, new Arm(version, 0)); // a new element: the collection changes, not an element in place
                String line = version + " withdrawn at " + at + ": " + why;
                withdrawn = shortened(withdrawn == null ? line : withdrawn + "\n" + line, MAX_STOP_REASON);
                return true;
            }
        }
        return false;
    }

    /** {@code text}, cut to {@code max} characters with an ellipsis as the last when it is longer. */
    public static String shortened(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "\u2026";
    }

    public String id() { return id; }
    public String promptId() { return promptId; }
    public String name() { return name; }
    public String metric() { return metric; }
    public double alpha() { return alpha; }
    public double power() { return power; }
    public double minimumDetectableEffect() { return minimumDetectableEffect; }
    public Double baselineRate() { return baselineRate; }
    public Double standardDeviation() { return standardDeviation; }
    public long requiredPerArm() { return requiredPerArm; }
    public Status status() { return status; }
    public Instant createdAt() { return createdAt; }
    public String createdBy() { return createdBy; }
    public Instant stoppedAt() { return stoppedAt; }
    public String stoppedBy() { return stoppedBy; }
    public String stopReason() { return stopReason; }
    public Decision decision() { return decision; }
    public String winner() { return winner; }
    public String withdrawn() { return withdrawn; }
    public List<Arm> arms() { return List.copyOf(arms); }
}
