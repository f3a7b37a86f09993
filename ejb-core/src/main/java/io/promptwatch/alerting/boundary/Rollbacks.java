package io.promptwatch.alerting.boundary;

import io.promptwatch.alerting.control.Recovery;
import io.promptwatch.alerting.control.RollbackDecision;
import io.promptwatch.alerting.control.RollbackSafeguards;
import io.promptwatch.alerting.entity.AlertRule;
import io.promptwatch.alerting.entity.Observation;
import io.promptwatch.alerting.entity.RollbackRecord;
import io.promptwatch.metrics.boundary.MetricsQuery;
import io.promptwatch.metrics.entity.MetricValues;
import io.promptwatch.persistence.StorableInstants;
import io.promptwatch.problem.ProblemException;
import io.promptwatch.registry.boundary.PromptRegistry;
import io.promptwatch.registry.entity.Prompt;
import io.promptwatch.registry.entity.PromptSnapshot;
import io.promptwatch.registry.entity.PromptVersion;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Rollbacks with their post-mortems. An automatic one happens only within the safeguards and only
 * for the version still active; either kind records the reverted version's metrics of the window
 * before the switch, and after one window the reinstated version's, with a verdict on recovery.
 */
@Stateless
public class Rollbacks {

    /**
     * What an automatic rollback came to: done (with its record), refused (with the reason), or
     * neither, when the version has left service meanwhile (another rule rolled it back first).
     */
    public record Outcome(RollbackRecord done, String refusal) {
    }

    private static final Jsonb JSON = JsonbBuilder.create();

    @PersistenceContext(unitName = "promptwatch")
    EntityManager em;

    @Inject
    PromptRegistry registry;

    @Inject
    MetricsQuery metrics;

    @Inject
    @ConfigProperty(name = "promptwatch.alerting.rollback.min-gap")
    Duration minGap;

    @Inject
    @ConfigProperty(name = "promptwatch.alerting.rollback.max-per-day")
    int maxPerDay;

    @Inject
    @ConfigProperty(name = "promptwatch.alerting.rollback.manual-watch")
    Duration manualWatch;

    /**
     * Rolls {@code version} of {@code promptId} back to its reference because {@code rule} holds on it,
     * at {@code now} (the evaluation's instant). In its own transaction: a refusal or a failure leaves
     * the registry as it was and the evaluation goes on.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Outcome automatic(AlertRule rule, String alertId, String promptId, String version, Observation seen, Instant now) {
        PromptSnapshot snapshot = registry.snapshot(promptId);
        if (snapshot == null || snapshot.active() == null || !snapshot.active().version().equals(version)) {
            return new Outcome(null, null);
        }
        if (snapshot.active().rollbackTo() == null) {
            return new Outcome(null, "version " + version + " of " + promptId + " has no rollback reference");
        }
        List<Instant> previous = em.createNamedQuery(RollbackRecord.AUTOMATIC_SINCE, Instant.class)
                .setParameter("promptId", promptId).setParameter("since", now.minus(Duration.ofDays(1))).getResultList();
        RollbackDecision decision = new RollbackSafeguards(minGap, maxPerDay).check(previous, now);
        if (!decision.allowed()) {
            return new Outcome(null, decision.reason());
        }
        String reason = "automatic: rule '" + rule.name() + "' (" + rule.metric().label() + " " + format(seen.value()) + " "
                + rule.comparison().symbol() + " " + format(seen.limit()) + " over " + rule.window().toMinutes() + " min, "
                + seen.samples() + " records)" + (alertId == null ? "" : ", alert " + alertId);
        String before = metricsOf(promptId, version, now.minus(rule.window()), now);
        PromptVersion reinstated;
        try {
            reinstated = registry.rollback(promptId, "system", reason).reinstated();
        } catch (ProblemException refused) {
            return new Outcome(null, refused.getMessage());
        }
        RollbackRecord record = new RollbackRecord(promptId, version, reinstated.version(), true, rule.id(), alertId,
                "system", reason, now, rule.window(), before);
        em.persist(record);
        return new Outcome(record, null);
    }

    /** An operator's rollback through the registry, with the same post-mortem (watched for {@code promptwatch.alerting.rollback.manual-watch}). */
    public RollbackRecord manual(String promptId, String actor, String reason) {
        Instant now = StorableInstants.now();
        // The version reverted is the one the registry reverts under its lock, not one read before it:
        // another operator may deploy or roll back in between.
        Prompt.Rollback rollback = registry.rollback(promptId, actor, reason);
        String from = rollback.reverted().version();
        String before = metricsOf(promptId, from, now.minus(manualWatch), now);
        RollbackRecord record = new RollbackRecord(promptId, from, rollback.reinstated().version(), false, null, null, actor,
                reason, now, manualWatch, before);
        em.persist(record);
        return record;
    }

    public List<RollbackRecord> rollbacks(String promptId) {
        // Two statements, not ":promptId IS NULL OR ...": Derby refuses a parameter (or NULL) on its own before IS NULL.
        if (promptId == null) {
            return em.createQuery("SELECT r FROM RollbackRecord r ORDER BY r.at DESC, r.id", RollbackRecord.class)
                    .setMaxResults(1000).getResultList();
        }
        registry.prompt(promptId);
        return em.createQuery("SELECT r FROM RollbackRecord r WHERE r.promptId = :promptId ORDER BY r.at DESC, r.id",
                RollbackRecord.class).setParameter("promptId", promptId).setMaxResults(1000).getResultList();
    }

    public RollbackRecord rollback(String id) {
        RollbackRecord record = id == null ? null : em.find(RollbackRecord.class, id);
        if (record == null) {
            throw ProblemException.notFound("no rollback with id '" + id + "'");
        }
        return record;
    }

    /**
     * Completes the post-mortems whose watch has ended by {@code now}: the reinstated version's metrics
     * over the window after the switch, and whether the rule that triggered it (or, for a manual one,
     * the error rate) is better than before.
     */
    public void watch(Instant now, List<AlertRule> rules) {
        for (RollbackRecord r : em.createNamedQuery(RollbackRecord.WATCHED, RollbackRecord.class).setParameter("now", now).getResultList()) {
            MetricValues after = values(r.promptId(), r.toVersion(), r.at(), r.watchUntil());
            AlertRule rule = rules.stream().filter(x -> x.id().equals(r.ruleId())).findFirst().orElse(null);
            r.watched(after == null ? null : JSON.toJson(after), Recovery.recovered(rule, before(r), after),
                    Recovery.verdict(rule, before(r), after));
        }
    }

    private static MetricValues before(RollbackRecord r) {
        return r.metricsBefore() == null ? null : JSON.fromJson(r.metricsBefore(), MetricValues.class);
    }

    private String metricsOf(String promptId, String version, Instant from, Instant to) {
        MetricValues values = values(promptId, version, from, to);
        return values == null ? null : JSON.toJson(values);
    }

    private MetricValues values(String promptId, String version, Instant from, Instant to) {
        Instant start = io.promptwatch.metrics.entity.Window.MINUTE.floor(from);
        Instant end = io.promptwatch.metrics.entity.Window.MINUTE.floor(to);
        if (!start.isBefore(end)) {
            return null;
        }
        return metrics.byVersion(List.of(promptId), start, end).stream().filter(v -> v.version().equals(version))
                .map(MetricsQuery.VersionMetrics::metrics).findFirst().orElse(null);
    }

    static String format(Double value) {
        return value == null ? "n/a" : String.format(java.util.Locale.ROOT, "%.4g", value);
    }
}
