package io.promptwatch.experiments.boundary;

import io.promptwatch.experiments.control.Assignment;
import io.promptwatch.experiments.entity.Arm;
import io.promptwatch.experiments.entity.Experiment;
import io.promptwatch.persistence.AfterCompletion;
import io.promptwatch.problem.ProblemException;
import io.promptwatch.registry.boundary.PromptRegistry;
import io.promptwatch.registry.entity.PromptSnapshot;
import io.promptwatch.registry.entity.PromptVersion;
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
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.HashSet;
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
    PromptRegistry registry;

    @EJB
    SampleReader samples;

    @Inject
    ExperimentCache cache;

    @Resource
    TransactionSynchronizationRegistry transactions;

    public Experiment create(NewExperiment request, String actor) {
        PromptSnapshot prompt = registry.snapshot(request.promptId());
        if (prompt == null) {
            throw ProblemException.unprocessable("promptId", "no prompt with id '" + request.promptId() + "'");
        }
        List<String> versions = new ArrayList<>();
        versions.add(request.controlVersion());
        if (request.variantVersions() != null) {
            versions.addAll(request.variantVersions());
        }
        if (request.controlVersion() == null || versions.size() < 2 || new HashSet<>(versions).size() != versions.size()) {
            throw ProblemException.invalid("variantVersions", "an experiment needs a controlVersion and one or more other, distinct variantVersions");
        }
        for (String v : versions) {
            if (v == null || !prompt.hasVersion(v)) {
                throw ProblemException.unprocessable("variantVersions", "prompt " + request.promptId() + " has no version '" + v + "'");
            }
            if (registry.version(request.promptId(), v).status() == VersionStatus.DEPRECATED) {
                throw ProblemException.conflict("variantVersions", "version " + v + " is deprecated and cannot be served");
            }
        }
        MetricField metric = MetricField.parse(request.metric() == null ? "success" : request.metric())
                .orElseThrow(() -> ProblemException.invalid("metric", "metric must be one of " + MetricField.names()));
        double alpha = request.alpha() == null ? 0.05 : request.alpha();
        double power = request.power() == null ? 0.8 : request.power();
        if (!(alpha > 0 && alpha < 1)) {
            throw ProblemException.invalid("alpha", "alpha must lie strictly between 0 and 1");
        }
        if (!(power > 0 && power < 1)) {
            throw ProblemException.invalid("power", "power must lie strictly between 0 and 1");
        }
        Double mde = request.minimumDetectableEffect();
        if (mde == null || !(mde > 0) || mde.isInfinite()) {
            throw ProblemException.invalid("minimumDetectableEffect", "a positive minimumDetectableEffect is required "
                    + "(absolute: a rate difference for success, a difference in the metric's unit otherwise)");
        }
        List<Double> weights = request.weights() == null ? versions.stream().map(v -> 1.0).toList() : request.weights();
        if (weights.size() != versions.size() || weights.stream().anyMatch(w -> w == null || !(w > 0) || w.isInfinite())) {
            throw ProblemException.invalid("weights", "one positive weight per arm (control first) is required");
        }
        // Planned with Bonferroni over the variants; the sequential test may decide sooner or need longer.
        double planningAlpha = alpha / (versions.size() - 1);
        long required;
        if (metric.binary()) {
            Double p1 = request.baselineRate();
            if (p1 == null || !(p1 > 0 && p1 < 1)) {
                throw ProblemException.invalid("baselineRate", "the success metric needs the control's expected baselineRate in (0, 1)");
            }
            double p2 = p1 + mde <= 1 ? p1 + mde : p1 - mde;
            required = plan(() -> PowerAnalysis.forProportions(p1, p2, planningAlpha, power));
        } else {
            Double sd = request.standardDeviation();
            if (sd == null || !(sd > 0) || sd.isInfinite()) {
                throw ProblemException.invalid("standardDeviation", "a continuous metric needs its expected standardDeviation (> 0)");
            }
            required = plan(() -> PowerAnalysis.forMeans(mde, sd, planningAlpha, power));
        }
        if (!em.createNamedQuery(Experiment.RUNNING_FOR_PROMPT, Experiment.class).setParameter("promptId", request.promptId())
                .setParameter("status", Experiment.Status.RUNNING).getResultList().isEmpty()) {
            throw ProblemException.conflict("promptId", "prompt " + request.promptId() + " already has a running experiment; stop it first");
        }
        List<Arm> arms = new ArrayList<>();
        for (int i = 0; i < versions.size(); i++) {
            arms.add(new Arm(versions.get(i), weights.get(i)));
        }
        String name = request.name() == null || request.name().isBlank() ? String.join(" vs ", versions) : request.name();
        Experiment experiment = new Experiment(request.promptId(), name, metric.jsonName(), alpha, power, mde,
                request.baselineRate(), request.standardDeviation(), required, arms, actor);
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

    /** Ends the experiment; with {@code deployWinner} a winning variant is staged if needed and deployed. */
    public ExperimentState stop(String id, String actor, String reason, boolean deployWinner) {
        Experiment experiment = find(id);
        Evaluation evaluation = evaluate(experiment);
        if (deployWinner && evaluation.winner() == null) {
            throw ProblemException.conflict("deployWinner", "there is no winner to deploy: the decision is '" + evaluation.decision() + "'");
        }
        experiment.stop(actor, reason, evaluation.decision(), evaluation.winner());
        if (deployWinner) {
            String winner = evaluation.winner();
            String why = "experiment '" + experiment.name() + "' (" + experiment.id() + "): " + evaluation.decision()
                    + (reason == null ? "" : "; " + reason);
            if (registry.version(experiment.promptId(), winner).status() == VersionStatus.DRAFT) {
                registry.stage(experiment.promptId(), winner, actor, why);
            }
            registry.deploy(experiment.promptId(), winner, actor, why, null, false);
        }
        invalidateAfterCompletion(experiment.promptId());
        return new ExperimentState(experiment, evaluation);
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

    private static long plan(java.util.function.Supplier<PowerAnalysis.SampleSize> planning) {
        try {
            return Math.max(2, planning.get().perGroup());
        } catch (IllegalArgumentException e) {
            throw ProblemException.unprocessable("minimumDetectableEffect", "cannot plan this experiment: " + e.getMessage());
        }
    }

    private void invalidateAfterCompletion(String promptId) {
        cache.invalidate(promptId);
        AfterCompletion.run(transactions, () -> cache.invalidate(promptId));
    }
}
