package io.promptwatch.alerting.boundary;

import io.promptwatch.alerting.control.RuleDurations;
import io.promptwatch.alerting.control.RuleWindow;
import io.promptwatch.alerting.entity.AlertChannel;
import io.promptwatch.alerting.entity.AlertMetric;
import io.promptwatch.alerting.entity.AlertRule;
import io.promptwatch.alerting.entity.Comparison;
import io.promptwatch.alerting.entity.RuleAction;
import io.promptwatch.alerting.entity.RuleDefinition;
import io.promptwatch.alerting.entity.Severity;
import io.promptwatch.persistence.StorableInstants;
import io.promptwatch.problem.ProblemException;
import io.promptwatch.registry.boundary.PromptRegistry;
import io.promptwatch.registry.entity.PromptVersion;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/** Alert rules: parsed and checked on the way in, and the defaults of SPEC §4 on a fresh install. */
@Stateless
public class AlertRules {

    @PersistenceContext(unitName = "promptwatch")
    EntityManager em;

    @Inject
    PromptRegistry registry;

    public AlertRule create(RuleRequest request, String actor) {
        AlertRule rule = new AlertRule(definition(request), false, actor, StorableInstants.now());
        em.persist(rule);
        return rule;
    }

    public List<AlertRule> rules() {
        return em.createNamedQuery(AlertRule.ALL, AlertRule.class).getResultList();
    }

    public AlertRule rule(String id) {
        AlertRule rule = id == null ? null : em.find(AlertRule.class, id);
        if (rule == null) {
            throw ProblemException.notFound("no alert rule with id '" + id + "'");
        }
        return rule;
    }

    public AlertRule replace(String id, RuleRequest request, String actor) {
        AlertRule rule = rule(id);
        rule.replace(definition(request), actor, StorableInstants.now());
        return rule;
    }

    public void delete(String id) {
        em.remove(rule(id));
    }

    /** Adds the rules of SPEC §4 when there are no rules at all (a fresh install); an edited set is left alone. */
    public void shipDefaults() {
        if (!rules().isEmpty()) {
            return;
        }
        Instant now = StorableInstants.now();
        for (RuleDefinition d : ShippedRules.DEFINITIONS) {
            em.persist(new AlertRule(d, true, "system", now));
        }
    }

    RuleDefinition definition(RuleRequest r) {
        if (r == null) {
            throw ProblemException.invalid("body", "a JSON object describing the rule is required");
        }
        AlertMetric metric = r.metric() == null ? null : AlertMetric.parse(r.metric()).orElseThrow(() ->
                ProblemException.invalid("metric", "must be one of " + AlertMetric.labels() + "; got '" + r.metric() + "'"));
        Comparison comparison = r.comparison() == null ? null : Comparison.parse(r.comparison()).orElseThrow(() ->
                ProblemException.invalid("comparison", "must be '>', '<' or 'anomaly'; got '" + r.comparison() + "'"));
        Duration window = r.window() == null ? null : RuleWindow.parse("window", r.window()).length();
        Severity severity = null;
        if (r.severity() != null) {
            severity = switch (r.severity()) {
                case "warning" -> Severity.WARNING;
                case "critical" -> Severity.CRITICAL;
                default -> throw ProblemException.invalid("severity", "must be 'warning' or 'critical'; got '" + r.severity() + "'");
            };
        }
        Set<RuleAction> actions = EnumSet.noneOf(RuleAction.class);
        for (String action : r.actions() == null ? List.<String>of() : r.actions()) {
            actions.add(switch (action == null ? "" : action) {
                case "alert" -> RuleAction.ALERT;
                case "auto_rollback" -> RuleAction.AUTO_ROLLBACK;
                case "flag_for_review" -> RuleAction.FLAG_FOR_REVIEW;
                default -> throw ProblemException.invalid("actions", "each must be alert, auto_rollback or flag_for_review; got '" + action + "'");
            });
        }
        checkChannels("channels", r.channels());
        checkChannels("escalationChannels", r.escalationChannels());
        if (r.promptId() != null) {
            inBody("promptId", () -> registry.prompt(r.promptId()));
            if (r.version() != null) {
                PromptVersion version = inBody("version", () -> registry.version(r.promptId(), r.version()));
                if (r.baselineFactor() != null && metric != null && metric.baselineOf(version.baseline()) == null) {
                    throw ProblemException.invalid("baselineFactor", "version " + r.version() + " of " + r.promptId()
                            + " has no baseline for " + metric.label() + "; give a threshold instead");
                }
            }
        }
        return new RuleDefinition(r.name(), metric, comparison, r.threshold(), r.baselineFactor(), r.sensitivity(), window,
                r.minSamples() == null ? 1 : r.minSamples(), severity, actions, r.promptId(), r.version(),
                r.channels(), RuleDurations.parseOptional("repeatAfter", r.repeatAfter()).orElse(null),
                RuleDurations.parseOptional("escalateAfter", r.escalateAfter()).orElse(null),
                r.escalationChannels(), r.enabled() == null || r.enabled());
    }

    /** A prompt or version the body names that does not exist is the body's fault: 400 on its field, not 404. */
    private static <T> T inBody(String field, Supplier<T> lookup) {
        try {
            return lookup.get();
        } catch (ProblemException e) {
            if (e.status() == 404) {
                throw ProblemException.invalid(field, e.detail());
            }
            throw e;
        }
    }

    private void checkChannels(String field, List<String> ids) {
        for (String id : ids == null ? List.<String>of() : ids) {
            if (id == null || em.find(AlertChannel.class, id) == null) {
                throw ProblemException.invalid(field, "no channel with id '" + id + "'");
            }
        }
    }
}
