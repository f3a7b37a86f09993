package io.promptwatch.alerting.boundary;

import io.promptwatch.alerting.control.Deliveries;
import io.promptwatch.alerting.control.RuleWindow;
import io.promptwatch.alerting.control.SeasonalBaseline;
import io.promptwatch.alerting.control.SeasonalComparison;
import io.promptwatch.alerting.entity.Alert;
import io.promptwatch.alerting.entity.AlertChannel;
import io.promptwatch.alerting.entity.AlertKind;
import io.promptwatch.alerting.entity.AlertMetric;
import io.promptwatch.alerting.entity.CalibrationStatus;
import io.promptwatch.alerting.entity.AlertRule;
import io.promptwatch.alerting.entity.Comparison;
import io.promptwatch.alerting.entity.Notice;
import io.promptwatch.alerting.entity.NoticeKind;
import io.promptwatch.alerting.entity.Observation;
import io.promptwatch.alerting.entity.RuleAction;
import io.promptwatch.experiments.boundary.Experiments;
import io.promptwatch.experiments.entity.Arm;
import io.promptwatch.experiments.entity.Experiment;
import io.promptwatch.metrics.boundary.MetricsQuery;
import io.promptwatch.metrics.entity.MetricValues;
import io.promptwatch.metrics.entity.Window;
import io.promptwatch.registry.boundary.PromptRegistry;
import io.promptwatch.registry.entity.AlertThresholds;
import io.promptwatch.registry.entity.PromptVersion;
import io.promptwatch.statistics.boundary.RateBounds;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One evaluation, in one transaction: every active version against every enabled rule in scope,
 * on the rollups only (one read per distinct rule window for all versions at once). It opens,
 * updates and resolves alerts, starts automatic rollbacks (each in its own transaction), and
 * answers the notices to send, which the evaluator hands to the channels once this has committed.
 */
@Stateless
public class AlertBook {

    /** A notice for some channels of an alert, sent after the evaluation commits. */
    public record Dispatch(String alertId, List<Deliveries.Target> channels, Notice notice) {
    }

    /** What one evaluation did. */
    public record Run(Instant at, int versions, int rules, int checks, int fired, int resolved, int rollbacks,
                      int manualInterventions, List<Dispatch> dispatches) {
    }

    /** A version in service: the active one of its prompt, or a variant of a running experiment ({@code experimentId}). */
    private record Target(String promptId, PromptVersion version, String experimentId, AlertThresholds thresholds) {
        /** The version's thresholds are parsed once per evaluation, not once per rule. */
        Target(String promptId, PromptVersion version, String experimentId) {
            this(promptId, version, experimentId, AlertThresholds.parse(version.thresholds()));
        }
    }

    @PersistenceContext(unitName = "promptwatch")
    EntityManager em;

    @Inject
    PromptRegistry registry;

    @Inject
    MetricsQuery metrics;

    @Inject
    Rollbacks rollbacks;

    @Inject
    Experiments experiments;

    @Inject
    @ConfigProperty(name = "promptwatch.alerting.calibration.well-calibrated")
    double wellCalibrated;

    @Inject
    @ConfigProperty(name = "promptwatch.alerting.rate-confidence")
    double rateConfidence;

    public Run evaluate(Instant now) {
        Instant end = RuleWindow.end(now);
        // Up to the open alerts this only reads, so no query needs a flush first. With AUTO every
        // registry.version query below first compared each managed entity with its copy (the prompts, the
        // versions read so far): quadratic in the prompts (docs/performance-history.md, "Alert evaluation").
        // The persistence context is this transaction's (shared with the registry) and ends with it.
        em.setFlushMode(FlushModeType.COMMIT);
        List<AlertRule> rules = em.createNamedQuery(AlertRule.ALL, AlertRule.class).getResultList().stream()
                .filter(AlertRule::enabled).toList();
        List<Target> targets = new ArrayList<>();
        Map<String, String> activeByPrompt = new HashMap<>();
        for (PromptVersion active : registry.activeVersions()) {
            activeByPrompt.put(active.promptId(), active.version());
            targets.add(new Target(active.promptId(), active, null));
        }
        for (Experiment experiment : experiments.running()) {
            String active = activeByPrompt.get(experiment.promptId());
            for (Arm arm : experiment.arms()) {
                if (arm.weight() > 0 && !arm.version().equals(active)) {
                    targets.add(new Target(experiment.promptId(), registry.version(experiment.promptId(), arm.version()),
                            experiment.id()));
                }
            }
        }
        Map<Duration, Map<String, MetricValues>> byWindow = new HashMap<>();
        // A 24h window not aligned to the day begins with 1m buckets almost exactly one day old, where the 1m
        // retention (promptwatch.metrics.retention.1m, P1D) ends: it must stay longer than a day by the evaluator's lag.
        for (AlertRule rule : rules) {
            byWindow.computeIfAbsent(rule.window(), window -> {
                Map<String, MetricValues> values = new HashMap<>();
                metrics.byVersion(null, end.minus(window), end).forEach(v -> values.put(key(v.promptId(), v.version()), v.metrics()));
                return values;
            });
        }
        Map<String, SortedMap<Instant, MetricValues>> byHour = new HashMap<>();
        if (rules.stream().anyMatch(r -> r.comparison() == Comparison.ANOMALY)) {
            Instant hour = Window.HOUR.floor(end);
            metrics.hoursByVersion(null, hour.minus(Duration.ofDays(SeasonalBaseline.DAYS + 1)), hour)
                    .forEach(v -> byHour.put(key(v.promptId(), v.version()), v.hours()));
        }
        em.setFlushMode(FlushModeType.AUTO);
        Map<String, Alert> open = new HashMap<>();
        em.createNamedQuery(Alert.OPEN, Alert.class).getResultList().forEach(a -> open.put(openKeyOf(a), a));
        Map<String, AlertRule> rulesById = new HashMap<>();
        rules.forEach(r -> rulesById.put(r.id(), r));

        Tally tally = new Tally();
        for (Target target : targets) {
            String promptId = target.promptId();
            PromptVersion version = target.version();
            for (AlertRule rule : rules) {
                if (!rule.covers(promptId, version.version())) {
                    continue;
                }
                MetricValues values = byWindow.get(rule.window()).get(key(promptId, version.version()));
                long samples = values == null ? 0 : rule.metric().samplesIn(values);
                if (samples == Long.MAX_VALUE) {
                    samples = values == null ? 0 : values.executions();
                }
                Double value = values == null ? null : valueOf(rule.metric(), values, version);
                Observation seen;
                boolean holds;
                if (rule.comparison() == Comparison.ANOMALY) {
                    SeasonalComparison usual = value == null ? null : new SeasonalBaseline(rule.sensitivity())
                            .compare(hours(end, byHour, promptId, version.version(), rule.metric()), value, end.minus(rule.window()));
                    seen = new Observation(value, usual == null ? null : usual.median(), samples, rule.window());
                    holds = samples >= rule.minSamples() && usual != null && worse(rule.metric(), usual);
                } else {
                    Double limit = limitFor(rule, target);
                    if (limit == null) {
                        continue;
                    }
                    seen = new Observation(value, limit, samples, rule.window());
                    holds = samples >= rule.minSamples() && value != null
                            && rule.comparison().breaks(evidence(rule, values, value, rateConfidence), limit);
                }
                tally.checks++;
                Alert alert = open.remove(Alert.openKey(AlertKind.RULE, rule.id(), promptId, version.version()));
                if (holds && alert == null) {
                    fire(rule, target, seen, now, tally);
                } else if (holds) {
                    alert.stillHolds(seen, now);
                } else if (alert != null && alert.clearAt(now)) {
                    tally.resolved++;
                    tally.notify(alert, targets(rule.channels()), notice(NoticeKind.RESOLVED, alert, now, "resolved: the condition has not held for a full window"));
                }
            }
        }
        // Open alerts no check saw: their version left service or their rule was disabled or deleted.
        for (Alert alert : open.values()) {
            if (alert.kind() == AlertKind.RULE && alert.clearAt(now)) {
                tally.resolved++;
            }
        }
        repeatAndEscalate(rulesById, now, tally);
        rollbacks.watch(now, rules);
        return new Run(now, targets.size(), rules.size(), tally.checks, tally.fired, tally.resolved, tally.rollbacks,
                tally.manual, tally.dispatches);
    }

    /**
     * What a threshold is compared with: the value itself, or for a rate its confidence bound on the
     * side the rule looks at (the lower bound for '>', the upper for '<'; confidence 0 compares the
     * rate as observed). At 2 % failures one failure among 20 calls is an observed 5 %: compared raw,
     * the shipped 3 % rule would fire on a third of healthy windows that small; its bound stays below.
     */
    static double evidence(AlertRule rule, MetricValues values, double value, double confidence) {
        AlertMetric metric = rule.metric();
        if (!metric.isRate() || confidence <= 0 || values.executions() == 0) {
            return value;
        }
        long hits = metric.hitsIn(values);
        long n = values.executions();
        return rule.comparison() == Comparison.ABOVE ? RateBounds.low(hits, n, confidence) : RateBounds.high(hits, n, confidence);
    }

    /** The metric's value for the version; calibration drift needs the version's predicted quality. */
    private Double valueOf(AlertMetric metric, MetricValues values, PromptVersion version) {
        if (metric == AlertMetric.CALIBRATION_DRIFT) {
            Double predicted = version.baseline() == null ? null : version.baseline().predictedQuality();
            return CalibrationStatus.drift(values.qualityAvg(), predicted, wellCalibrated);
        }
        return metric.valueIn(values);
    }

    /** The version's own threshold for the rule's metric and severity (its deployment specification), else the rule's. */
    private static Double limitFor(AlertRule rule, Target target) {
        PromptVersion version = target.version();
        Double own = target.thresholds().limit(rule.metric().label(), rule.severity().label());
        return own != null ? own : rule.limitFor(rule.metric().baselineOf(version.baseline()));
    }

    private static Map<Instant, Double> hours(Instant end, Map<String, SortedMap<Instant, MetricValues>> byHour, String promptId,
                                              String version, AlertMetric metric) {
        Map<Instant, Double> values = new HashMap<>();
        byHour.getOrDefault(key(promptId, version), new TreeMap<>()).forEach((hour, m) -> {
            if (metric.samplesIn(m) > 0) {
                values.put(hour, metric.valueIn(m));
            }
        });
        return values;
    }

    private static boolean worse(AlertMetric metric, SeasonalComparison usual) {
        Boolean higherIsWorse = metric.higherIsWorse();
        return higherIsWorse == null ? usual.anomalous() : higherIsWorse ? usual.high() : usual.low();
    }

    private void fire(AlertRule rule, Target target, Observation seen, Instant now, Tally tally) {
        String promptId = target.promptId();
        PromptVersion version = target.version();
        Alert alert = Alert.fire(rule, promptId, version.version(), target.experimentId(), seen, now);
        em.persist(alert);
        alert.notifiedAt(now);
        tally.fired++;
        if (rule.does(RuleAction.ALERT) || rule.does(RuleAction.FLAG_FOR_REVIEW)) {
            tally.notify(alert, targets(rule.channels()), notice(NoticeKind.FIRING, alert, now,
                    rule.does(RuleAction.FLAG_FOR_REVIEW) ? "flagged for review" : null));
        }
        if (!rule.does(RuleAction.AUTO_ROLLBACK)) {
            return;
        }
        if (target.experimentId() != null) {
            String why = "rule '" + rule.name() + "' fired (alert " + alert.id() + ")";
            if (experiments.withdraw(target.experimentId(), version.version(), why)) {
                tally.rollbacks++;
                tally.notify(alert, targets(rule.channels()), notice(NoticeKind.ROLLBACK, alert, now,
                        "variant " + version.version() + " taken out of experiment " + target.experimentId()));
            }
            return;
        }
        if (!version.autoRollback()) {
            return;
        }
        em.flush();
        Rollbacks.Outcome outcome = rollbacks.automatic(rule, alert.id(), promptId, version.version(), seen, now);
        if (outcome.done() != null) {
            tally.rollbacks++;
            tally.notify(alert, targets(rule.channels()), notice(NoticeKind.ROLLBACK, alert, now,
                    "rolled back " + outcome.done().fromVersion() + " → " + outcome.done().toVersion()
                            + " (rollback " + outcome.done().id() + ")"));
            return;
        }
        if (outcome.refusal() == null) {
            return;
        }
        String key = Alert.openKey(AlertKind.MANUAL_INTERVENTION, rule.id(), promptId, version.version());
        if (!em.createNamedQuery(Alert.OPEN_BY_KEY, Alert.class).setParameter("key", key).getResultList().isEmpty()) {
            return;
        }
        Alert manual = Alert.manualIntervention(rule, promptId, version.version(), seen,
                "manual intervention required: automatic rollback not done: " + outcome.refusal(), now);
        em.persist(manual);
        manual.notifiedAt(now);
        tally.manual++;
        tally.notify(manual, targets(Stream.concat(rule.channels().stream(), rule.escalationChannels().stream()).distinct().toList()),
                notice(NoticeKind.MANUAL_INTERVENTION, manual, now, manual.detail()));
    }

    private void repeatAndEscalate(Map<String, AlertRule> rules, Instant now, Tally tally) {
        for (Alert alert : em.createNamedQuery(Alert.OPEN, Alert.class).getResultList()) {
            AlertRule rule = rules.get(alert.ruleId());
            if (rule == null) {
                continue;
            }
            if (alert.escalationDue(rule.escalateAfter(), now)) {
                alert.escalatedAt(now);
                tally.notify(alert, targets(rule.escalationChannels()), notice(NoticeKind.ESCALATION, alert, now,
                        "not acknowledged within " + rule.escalateAfter()));
            }
            if (alert.repeatDue(rule.repeatAfter(), now)) {
                alert.notifiedAt(now);
                tally.notify(alert, targets(rule.channels()), notice(NoticeKind.REPEAT, alert, now, "still firing"));
            }
        }
    }

    /** The channels of these ids that still exist, read for delivery. */
    public List<Deliveries.Target> targets(List<String> channelIds) {
        return channelIds.stream().map(id -> em.find(AlertChannel.class, id)).filter(Objects::nonNull).map(Deliveries.Target::of).toList();
    }

    static Notice notice(NoticeKind kind, Alert alert, Instant now, String detail) {
        String window = alert.window() == null ? null : Alert.label(alert.window());
        return new Notice(kind, alert.id(), alert.severity().label(), alert.ruleName(), alert.promptId(), alert.version(),
                alert.metric() == null ? null : alert.metric().label(), alert.observed(), alert.limit(),
                alert.comparison() == null ? null : alert.comparison().symbol(), window,
                alert.samples() == null ? 0 : alert.samples(), now, detail);
    }

    private static String openKeyOf(Alert alert) {
        return Alert.openKey(alert.kind(), alert.ruleId(), alert.promptId(), alert.version());
    }

    private static String key(String promptId, String version) {
        return promptId + '\u0000' + version;
    }

    private static final class Tally {
        int checks;
        int fired;
        int resolved;
        int rollbacks;
        int manual;
        final List<Dispatch> dispatches = new ArrayList<>();

        void notify(Alert alert, List<Deliveries.Target> channels, Notice notice) {
            if (!channels.isEmpty()) {
                dispatches.add(new Dispatch(alert.id(), channels, notice));
            }
        }
    }
}
