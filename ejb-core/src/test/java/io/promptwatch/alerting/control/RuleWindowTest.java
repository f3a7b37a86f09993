package io.promptwatch.alerting.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.promptwatch.problem.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Rule windows (labels, where they end) and the rule's ISO durations; their rollup covers: MetricsQueryTest. */
class RuleWindowTest {

    @Test
    void parsesTheFiveLabels() {
        assertEquals(RuleWindow.FIVE_MINUTES, RuleWindow.parse("window", "5m"));
        assertEquals(Duration.ofMinutes(10), RuleWindow.parse("window", "10m").length());
        assertEquals(Duration.ofMinutes(15), RuleWindow.parse("window", "15m").length());
        assertEquals(Duration.ofHours(1), RuleWindow.parse("window", "1h").length());
        assertEquals(Duration.ofHours(24), RuleWindow.parse("window", "24h").length());
        assertEquals("5m, 10m, 15m, 1h, 24h", RuleWindow.labels());
    }

    @Test
    void refusesOtherLabelsNamingTheAllowedOnes() {
        ProblemException e = assertThrows(ProblemException.class, () -> RuleWindow.parse("window", "30m"));
        assertEquals(400, e.status());
        assertEquals("window", e.field());
        assertEquals("window must be one of 5m, 10m, 15m, 1h, 24h; got '30m'", e.detail());
        assertEquals("window must be one of 5m, 10m, 15m, 1h, 24h; got '7d'",
                assertThrows(ProblemException.class, () -> RuleWindow.parse("window", "7d")).detail());
        assertEquals("window is required: one of 5m, 10m, 15m, 1h, 24h",
                assertThrows(ProblemException.class, () -> RuleWindow.parse("window", null)).detail());
    }

    @Test
    void aWindowEndsAtTheStartOfTheMinuteInProgress() {
        assertEquals(Instant.parse("2026-03-09T11:07:00Z"), RuleWindow.end(Instant.parse("2026-03-09T11:07:42.5Z")));
        assertEquals(Instant.parse("2026-03-09T11:07:00Z"), RuleWindow.end(Instant.parse("2026-03-09T11:07:00Z")));
    }

    @Test
    void ruleDurationsArePositiveIsoDurations() {
        assertEquals(Duration.ofMinutes(30), RuleDurations.parse("repeatAfter", "PT30M"));
        assertEquals(Duration.ofDays(1), RuleDurations.parse("repeatAfter", "P1D"));
        assertEquals(Optional.empty(), RuleDurations.parseOptional("escalateAfter", null));
        assertEquals(Optional.of(Duration.ofMinutes(15)), RuleDurations.parseOptional("escalateAfter", "PT15M"));

        ProblemException negative = assertThrows(ProblemException.class,
                () -> RuleDurations.parse("escalateAfter", "-PT15M"));
        assertEquals(400, negative.status());
        assertEquals("escalateAfter", negative.field());
        assertEquals("escalateAfter must be positive; got '-PT15M'", negative.detail());
        assertEquals("repeatAfter must be positive; got 'PT0S'",
                assertThrows(ProblemException.class, () -> RuleDurations.parse("repeatAfter", "PT0S")).detail());
        assertEquals("repeatAfter must be an ISO-8601 duration such as PT30M or P1D (days, hours, minutes, seconds);"
                        + " got '30m'",
                assertThrows(ProblemException.class, () -> RuleDurations.parse("repeatAfter", "30m")).detail());
        assertThrows(ProblemException.class, () -> RuleDurations.parse("repeatAfter", "P1M"));
        assertEquals("repeatAfter is required: an ISO-8601 duration such as PT30M",
                assertThrows(ProblemException.class, () -> RuleDurations.parse("repeatAfter", " ")).detail());
    }
}
