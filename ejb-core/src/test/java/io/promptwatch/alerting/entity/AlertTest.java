package io.promptwatch.alerting.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptwatch.problem.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The alert lifecycle and the rule's own checks, without a server. */
class AlertTest {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    static RuleDefinition errorRate() {
        return new RuleDefinition("errors", AlertMetric.ERROR_RATE, Comparison.ABOVE, 0.05, null, null, Duration.ofMinutes(5),
                20, Severity.CRITICAL, EnumSet.of(RuleAction.ALERT), "p", null, List.of("c1"), Duration.ofMinutes(10),
                Duration.ofMinutes(15), List.of("c2"), true);
    }

    private static Alert firing() {
        AlertRule rule = new AlertRule(errorRate(), false, "admin", T0);
        return Alert.fire(rule, "p", "2.0.0", null, new Observation(0.10, 0.05, 100, rule.window()), T0);
    }

    @Test
    void anAlertResolvesItselfOnlyAfterAFullClearWindow() {
        Alert alert = firing();
        assertEquals("rule|" + alert.ruleId() + "|p|2.0.0", Alert.openKey(AlertKind.RULE, alert.ruleId(), "p", "2.0.0"));
        assertFalse(alert.clearAt(T0.plus(Duration.ofMinutes(1))), "clear since 10:01");
        alert.stillHolds(new Observation(0.07, 0.05, 80, Duration.ofMinutes(5)), T0.plus(Duration.ofMinutes(2)));
        assertFalse(alert.clearAt(T0.plus(Duration.ofMinutes(3))), "holding again restarted the clear window at 10:03");
        assertFalse(alert.clearAt(T0.plus(Duration.ofMinutes(7))), "4 minutes clear of 5");
        assertTrue(alert.clearAt(T0.plus(Duration.ofMinutes(8))), "5 minutes clear");
        assertEquals(AlertState.RESOLVED, alert.state());
        assertEquals("system", alert.resolvedBy());
        assertFalse(alert.open());
    }

    @Test
    void repeatsWhileFiringAndEscalatesOnceUnlessAcknowledged() {
        Alert alert = firing();
        alert.notifiedAt(T0);
        assertFalse(alert.repeatDue(Duration.ofMinutes(10), T0.plus(Duration.ofMinutes(9))));
        assertTrue(alert.repeatDue(Duration.ofMinutes(10), T0.plus(Duration.ofMinutes(10))), "exactly repeatAfter later");
        assertFalse(alert.escalationDue(Duration.ofMinutes(15), T0.plus(Duration.ofMinutes(14))));
        assertTrue(alert.escalationDue(Duration.ofMinutes(15), T0.plus(Duration.ofMinutes(15))));
        alert.escalatedAt(T0.plus(Duration.ofMinutes(15)));
        assertFalse(alert.escalationDue(Duration.ofMinutes(15), T0.plus(Duration.ofMinutes(40))), "escalated once");

        Alert acknowledged = firing();
        acknowledged.notifiedAt(T0);
        acknowledged.acknowledge("op", "looking", T0.plus(Duration.ofMinutes(1)));
        assertFalse(acknowledged.repeatDue(Duration.ofMinutes(10), T0.plus(Duration.ofHours(1))));
        assertFalse(acknowledged.escalationDue(Duration.ofMinutes(15), T0.plus(Duration.ofHours(1))));
        assertEquals(409, assertThrows(ProblemException.class, () -> acknowledged.acknowledge("op", null, T0)).status());
        acknowledged.resolve("op", "fixed", T0.plus(Duration.ofMinutes(2)));
        assertFalse(acknowledged.open());
        assertThrows(ProblemException.class, () -> acknowledged.resolve("op", null, T0));
    }

    @Test
    void aRuleRefusesPartsThatDoNotFitNamingTheField() {
        assertEquals("threshold", refused(with(errorRate(), 0.05, 1.5)));
        assertEquals("threshold", refused(with(errorRate(), null, null)));
        assertEquals("baselineFactor", refused(with(errorRate(), null, 1.5)), "error_rate has no baseline");
        RuleDefinition d = errorRate();
        assertEquals("escalationChannels", refused(new RuleDefinition(d.name(), d.metric(), d.comparison(), d.threshold(), null, null,
                d.window(), d.minSamples(), d.severity(), d.actions(), d.promptId(), null, d.channels(), d.repeatAfter(),
                d.escalateAfter(), List.of(), true)));
        assertEquals("repeatAfter", refused(new RuleDefinition(d.name(), d.metric(), d.comparison(), d.threshold(), null, null,
                d.window(), d.minSamples(), d.severity(), d.actions(), d.promptId(), null, d.channels(), Duration.ofMinutes(-5),
                null, List.of(), true)));
        assertEquals("minSamples", refused(new RuleDefinition(d.name(), d.metric(), d.comparison(), d.threshold(), null, null,
                d.window(), 0, d.severity(), d.actions(), d.promptId(), null, d.channels(), null, null, List.of(), true)));
        assertEquals("threshold", refused(new RuleDefinition(d.name(), d.metric(), Comparison.ANOMALY, 0.05, null, null,
                d.window(), 20, d.severity(), d.actions(), d.promptId(), null, d.channels(), null, null, List.of(), true)));
        assertEquals("version", refused(new RuleDefinition(d.name(), d.metric(), d.comparison(), d.threshold(), null, null,
                d.window(), 20, d.severity(), d.actions(), null, "1.0.0", d.channels(), null, null, List.of(), true)));
    }

    @Test
    void aRuleCoversItsPromptAndVersionAndTakesTheBaselineTimesItsFactor() {
        AlertRule rule = new AlertRule(errorRate(), false, "admin", T0);
        assertTrue(rule.covers("p", "anything"));
        assertFalse(rule.covers("q", "1.0.0"));
        assertEquals(0.05, rule.limitFor(123.0), "a threshold ignores the baseline");
        RuleDefinition d = errorRate();
        AlertRule latency = new AlertRule(new RuleDefinition("slow", AlertMetric.LATENCY_P95, Comparison.ABOVE, null, 1.5, null,
                d.window(), 20, Severity.WARNING, d.actions(), null, null, List.of(), null, null, List.of(), true), true, "system", T0);
        assertEquals(1500.0 * 1.5, latency.limitFor(1500.0));
        assertNull(latency.limitFor(null), "no baseline, no limit: the version is not judged by this rule");
        assertEquals("5m", Alert.label(Duration.ofMinutes(5)));
        assertEquals("1h", Alert.label(Duration.ofHours(1)));
        assertEquals("24h", Alert.label(Duration.ofHours(24)));
    }

    private static RuleDefinition with(RuleDefinition d, Double threshold, Double factor) {
        return new RuleDefinition(d.name(), d.metric(), d.comparison(), threshold, factor, null, d.window(), d.minSamples(),
                d.severity(), d.actions(), d.promptId(), d.version(), d.channels(), d.repeatAfter(), d.escalateAfter(),
                d.escalationChannels(), d.enabled());
    }

    private static String refused(RuleDefinition d) {
        return assertThrows(ProblemException.class, () -> new AlertRule(d, false, "admin", T0)).field();
    }
}
