package io.promptwatch.experiments.boundary;

import io.promptwatch.cache.CacheGenerations;
import io.promptwatch.experiments.control.Assignment;
import io.promptwatch.experiments.entity.Arm;
import io.promptwatch.experiments.entity.Arms;
import io.promptwatch.experiments.entity.Experiment;
import io.promptwatch.experiments.entity.ExperimentDesign;
import io.promptwatch.persistence.AfterCompletion;
import io.promptwatch.persistence.StorableInstants;
import io.promptwatch.problem.ProblemException;
import io.promptwatch.registry.boundary.PromptRegistry;
import io.promptwatch.registry.entity.PromptSnapshot;
import io.promptwatch.registry.entity.PromptVersion;
import io.promptwatch.registry.entity.RegistryEvent;
import io.promptwatch.registry.entity.VersionStatus;
import io.promptwatch.statistics.boundary.Evaluation;
import io.promptwatch.statistics.boundary.PowerAnalysis;
import io.promptwatch.statistics.boundary.SequentialEvaluation.ArmData;
import io.promptwatch.statistics.boundary.SequentialEvaluation;
import io.promptwatch.tracking.boundary.MetricField;
import io.promptwatch.tracking.boundary.RecordSelection;
import io.promptwatch.tracking.boundary.SampleReader;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Experiments: declared with their planned sample size, served by sticky assignment, evaluated
 * sequentially at every look, and stopped once, optionally deploying the winner through the
 * registry (audited like any deploy).
 */
@Stateless
public class Experiments {

    /** What {@code resolve} needs of a running experiment, cached per prompt. */
    record Running(String experimentId, List<Arm> arms, List<PromptVersion> versions) {
    }

    @PersistenceContext(unitName = "promptwatch")
    EntityManager em;

    @EJB
    CacheGenerations generations;

    @EJB
    PromptRegistry registry;

    @EJB
    SampleReader samples;

    @Inject
    ExperimentCache cache;

    @Resource
    TransactionSynchronizationRegistry transactions;

    public Experiment create(NewExperiment request, String actor) {
        if (request.promptId() == null || request.promptId().isBlank()) {
            // Asked of the registry, a missing id would read as an unknown prompt (422).
            throw ProblemException.invalid("promptId", "promptId is required: the prompt whose versions are compared");
        }
        PromptSnapshot prompt = registry.snapshot(request.promptId());
        if (prompt == null) {
            throw ProblemException.unprocessable("promptId", "no prompt with id '" + request.promptId() + "'");
        }
        Arms arms = Arms.of(request.promptId(), request.controlVersion(), request.variantVersions(), request.weights(),
                v -> prompt.hasVersion(v) ? Optional.of(registry.version(request.promptId(), v).status()) : Optional.empty());
        MetricField metric = MetricField.parse(request.metric() == null ? "success" : request.metric())
                .orElseThrow(() -> ProblemException.invalid("metric", "metric must be one of " + MetricField.names()));
        ExperimentDesign design = ExperimentDesign.of(metric.jsonName(), metric.binary(), request.alpha(), request.power(),
                request.minimumDetectableEffect(), request.baselineRate(), request.standardDeviation());
        Experiment experiment = new Experiment(request.promptId(), request.name(), design, arms,
                requiredPerArm(design, arms.variants()), actor);
        if (!em.createNamedQuery(Experiment.RUNNING_FOR_PROMPT, Experiment.class).setParameter("promptId", request.promptId())
                .setParameter("status", Experiment.Status.RUNNING).getResultList().isEmpty()) {
            throw ProblemException.conflict("promptId", "prompt " + request.promptId() + " already has a running experiment; stop it first");
        }
        em.persist(experiment);
        invalidateAfterCompletion(request.promptId());
        return experiment;
    }

    public List<Experiment> experiments() {
        return em.createNamedQuery(Experiment.ALL, Experiment.class).getResultList();
    }

    public ExperimentState state(String id) {
        Experiment experiment = find(id);
        return new ExperimentState(experiment, evaluate(experiment));
    }

    /**
     * Ends the experiment; with {@code deployWinner} a winning variant is staged if needed and
     * deployed. A refusal (a reason too long, no winner to deploy) rolls the stop back.
     */
    public ExperimentState stop(String id, String actor, String reason, boolean deployWinner) {
        Experiment experiment = find(id);
        Evaluation evaluation = evaluate(experiment);
        experiment.stop(actor, reason, evaluation.decision(), evaluation.winner());
        if (deployWinner && evaluation.winner() == null) {
            throw ProblemException.conflict("deployWinner", "there is no winner to deploy: the decision is '" + evaluation.decision().words() + "'");
        }
        if (deployWinner) {
            String winner = evaluation.winner();
            // The registry's event keeps a reason of the same length as the stop's: with the prefix, a
            // reason that fits the experiment could overflow the event's, so the prefixed one is shortened.
            String why = Experiment.shortened("experiment '" + experiment.name() + "' (" + experiment.id() + "): "
                    + evaluation.decision().words() + (reason == null ? "" : "; " + reason), RegistryEvent.MAX_REASON);
            if (registry.version(experiment.promptId(), winner).status() == VersionStatus.DRAFT) {
                registry.stage(experiment.promptId(), winner, actor, why);
            }
            registry.deploy(experiment.promptId(), winner, actor, why, null, false);
        }
        invalidateAfterCompletion(experiment.promptId());
        return new ExperimentState(experiment, evaluation);
    }

    /** The running experiments, for the alert evaluator to watch their variants. */
    public List<Experiment> running() {
        return em.createNamedQuery(Experiment.RUNNING, Experiment.class).setParameter("status", Experiment.Status.RUNNING)
                .getResultList();
    }

    /**
     * Takes {@code version} out of the experiment's assignment (weight 0) because {@code why}; new
     * subjects and those it had go to the other arms from the next resolve on.
     */
    public boolean withdraw(String id, String version, String why) {
        Experiment experiment = em.find(Experiment.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (experiment == null || !experiment.withdraw(version, why, StorableInstants.now())) {
            return false;
        }
        invalidateAfterCompletion(experiment.promptId());
        return true;
    }

    /** The version {@code subject} should use: its experiment arm while one runs, the active version otherwise. */
    public VersionAssignment resolve(String promptId, String subject) {
        if (subject == null || subject.isBlank()) {
            throw ProblemException.invalid("subject", "subject (a user or session id) is required for sticky assignment");
        }
        Optional<Running> running = cache.get(promptId, this::loadRunning);
        if (running.isPresent()) {
            Running r = running.get();
            int arm = Assignment.arm(r.experimentId(), subject, r.arms());
            PromptVersion v = r.versions().get(arm);
            return new VersionAssignment(promptId, v.version(), v.text(), v.contentHash(), r.experimentId(), arm);
        }
        PromptSnapshot.ActiveVersion active = registry.active(promptId);
        return new VersionAssignment(promptId, active.version(), active.text(), active.contentHash(), null, null);
    }

    private Optional<Running> loadRunning(String promptId) {
        List<Experiment> found = em.createNamedQuery(Experiment.RUNNING_FOR_PROMPT, Experiment.class)
                .setParameter("promptId", promptId).setParameter("status", Experiment.Status.RUNNING).getResultList();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Experiment x = found.get(0);
        List<PromptVersion> versions = x.arms().stream().map(a -> registry.version(promptId, a.version())).toList();
        versions.forEach(em::detach);
        return Optional.of(new Running(x.id(), x.arms(), versions));
    }

    private Evaluation evaluate(Experiment x) {
        MetricField metric = MetricField.parse(x.metric()).orElseThrow();
        List<String> versions = x.arms().stream().map(Arm::version).toList();
        RecordSelection selection = new RecordSelection(x.promptId(), RecordSelection.GroupBy.VERSION, versions, null,
                x.createdAt(), x.stoppedAt());
        List<ArmData> data = new ArrayList<>();
        if (metric.binary()) {
            Map<String, SampleReader.Counts> counts = samples.successCounts(selection);
            x.arms().forEach(a -> data.add(ArmData.counts(a.version(), a.weight(), counts.get(a.version()).successes(),
                    counts.get(a.version()).n())));
        } else {
            Map<String, double[]> values = samples.values(selection, metric);
            x.arms().forEach(a -> data.add(ArmData.values(a.version(), a.weight(), values.get(a.version()))));
        }
        return SequentialEvaluation.evaluate(data, x.minimumDetectableEffect(), x.alpha(), metric.higherIsBetter(),
                x.requiredPerArm());
    }

    private Experiment find(String id) {
        Experiment experiment = em.find(Experiment.class, id);
        if (experiment == null) {
            throw ProblemException.notFound("no experiment with id '" + id + "'");
        }
        return experiment;
    }

    /**
     * The fixed-horizon size per arm, planned with Bonferroni over the variants; the sequential test
     * may decide sooner or need longer. At least 2, the fewest a variance can be estimated from.
     */
    private static long requiredPerArm(ExperimentDesign design, int variants) {
        double alpha = design.alpha() / variants;
        double mde = design.minimumDetectableEffect();
        try {
            PowerAnalysis.SampleSize size;
            if (design.binary()) {
                double p1 = design.baselineRate();
                double p2 = p1 + mde <= 1 ? p1 + mde : p1 - mde;
                size = PowerAnalysis.forProportions(p1, p2, alpha, design.power());
            } else {
                size = PowerAnalysis.forMeans(mde, design.standardDeviation(), alpha, design.power());
            }
            return Math.max(2, size.perGroup());
        } catch (IllegalArgumentException e) {
            throw ProblemException.unprocessable("minimumDetectableEffect", "cannot plan this experiment: " + e.getMessage());
        }
    }

    private void invalidateAfterCompletion(String promptId) {
        generations.raise(); // the other servers drop theirs once they see it
        cache.invalidate(promptId);
        AfterCompletion.run(transactions, () -> cache.invalidate(promptId));
    }
}
