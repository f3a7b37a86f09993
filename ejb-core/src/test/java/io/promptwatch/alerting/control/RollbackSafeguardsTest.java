package io.promptwatch.alerting.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rollback safeguards at their boundaries; every instant is counted from NOW by hand. */
class RollbackSafeguardsTest {

    private static final Instant NOW = Instant.parse("2026-03-09T12:00:00Z");
    private final RollbackSafeguards defaults = new RollbackSafeguards();

    private static Instant ago(Duration d) {
        return NOW.minus(d);
    }

    private static Instant minutesAgo(long minutes) {
        return ago(Duration.ofMinutes(minutes));
    }

    @Test
    void defaultsAreFifteenMinutesAndThreeADay() {
        assertEquals(Duration.ofMinutes(15), defaults.minGap());
        assertEquals(3, defaults.maxPerDay());
    }

    @Test
    void aPromptNeverRolledBackMayBe() {
        RollbackDecision d = defaults.check(List.of(), NOW);
        assertTrue(d.allowed());
        assertEquals("no previous automatic rollback of this prompt", d.reason());
        assertNull(d.notBefore());
    }

    @Test
    void sevenMinutesAfterTheLastIsTooSoon() {
        RollbackDecision d = defaults.check(List.of(minutesAgo(7)), NOW);
        assertFalse(d.allowed());
        assertEquals("the last automatic rollback of this prompt was 7 min ago; at least 15 min must pass"
                + " (promptwatch.alerting.rollback.min-gap)", d.reason());
        assertEquals(NOW.plus(Duration.ofMinutes(8)), d.notBefore());
    }

    @Test
    void exactlyFifteenMinutesIsEnoughAndOneSecondLessIsNot() {
        RollbackDecision exactly = defaults.check(List.of(minutesAgo(15)), NOW);
        assertTrue(exactly.allowed(), exactly.reason());
        assertEquals("1 automatic rollback of this prompt in the last 24 h (at most 3), the last 15 min ago"
                + " (at least 15 min)", exactly.reason());

        RollbackDecision early = defaults.check(List.of(ago(Duration.ofSeconds(14 * 60 + 59))), NOW);
        assertFalse(early.allowed());
        assertEquals("the last automatic rollback of this prompt was 14 min 59 s ago; at least 15 min must pass"
                + " (promptwatch.alerting.rollback.min-gap)", early.reason());
        assertEquals(NOW.plusSeconds(1), early.notBefore());
    }

    @Test
    void theFourthInTwentyFourHoursIsRefused() {
        // 23 h, 8 h and 1 h ago, in no particular order: three in the rolling day
        List<Instant> previous = List.of(minutesAgo(60), minutesAgo(23 * 60), minutesAgo(8 * 60));
        RollbackDecision d = defaults.check(previous, NOW);
        assertFalse(d.allowed());
        assertEquals("3 automatic rollbacks of this prompt in the last 24 h; at most 3"
                + " (promptwatch.alerting.rollback.max-per-day)", d.reason());
        // the oldest (23 h ago) drops out 24 h after it happened: in 1 h
        assertEquals(NOW.plus(Duration.ofHours(1)), d.notBefore());
    }

    @Test
    void theThirdInTwentyFourHoursIsAllowed() {
        RollbackDecision d = defaults.check(List.of(minutesAgo(23 * 60), minutesAgo(60)), NOW);
        assertTrue(d.allowed(), d.reason());
    }

    @Test
    void oneExactlyTwentyFourHoursOldHasDroppedOutAndOneASecondYoungerHasNot() {
        Instant dayAgo = ago(Duration.ofHours(24));
        RollbackDecision dropped = defaults.check(List.of(dayAgo, minutesAgo(8 * 60), minutesAgo(60)), NOW);
        assertTrue(dropped.allowed(), dropped.reason());
        assertEquals("2 automatic rollbacks of this prompt in the last 24 h (at most 3), the last 1 h ago"
                + " (at least 15 min)", dropped.reason());

        RollbackDecision counted = defaults.check(
                List.of(dayAgo.plusSeconds(1), minutesAgo(8 * 60), minutesAgo(60)), NOW);
        assertFalse(counted.allowed());
        assertEquals(NOW.plusSeconds(1), counted.notBefore());
    }

    @Test
    void manyOldRollbacksDoNotCount() {
        List<Instant> lastWeek = List.of(ago(Duration.ofDays(2)), ago(Duration.ofDays(3)), ago(Duration.ofDays(4)),
                ago(Duration.ofDays(5)));
        RollbackDecision d = defaults.check(lastWeek, NOW);
        assertTrue(d.allowed());
        assertEquals("0 automatic rollbacks of this prompt in the last 24 h (at most 3), the last 48 h ago"
                + " (at least 15 min)", d.reason());
    }

    @Test
    void bothLimitsAreNamedWhenBothRefuse() {
        RollbackDecision d = defaults.check(List.of(minutesAgo(5), minutesAgo(30), minutesAgo(23 * 60 + 50)), NOW);
        assertFalse(d.allowed());
        assertEquals("the last automatic rollback of this prompt was 5 min ago; at least 15 min must pass"
                + " (promptwatch.alerting.rollback.min-gap); 3 automatic rollbacks of this prompt in the last 24 h;"
                + " at most 3 (promptwatch.alerting.rollback.max-per-day)", d.reason());
        // the gap allows in 10 min, the day in 10 min too (23 h 50 min ago + 24 h): the later of the two
        assertEquals(NOW.plus(Duration.ofMinutes(10)), d.notBefore());

        RollbackDecision later = defaults.check(List.of(minutesAgo(5), minutesAgo(30), minutesAgo(20 * 60)), NOW);
        assertEquals(NOW.plus(Duration.ofHours(4)), later.notBefore(), "the day allows only in 4 h");
    }

    @Test
    void aRollbackStampedAfterNowCountsAsJustNow() {
        RollbackDecision d = defaults.check(List.of(NOW.plus(Duration.ofMinutes(2))), NOW);
        assertFalse(d.allowed());
        assertEquals("the last automatic rollback of this prompt was 0 s ago; at least 15 min must pass"
                + " (promptwatch.alerting.rollback.min-gap)", d.reason());
    }

    @Test
    void otherSettings() {
        RollbackSafeguards none = new RollbackSafeguards(Duration.ZERO, 0);
        RollbackDecision d = none.check(List.of(), NOW);
        assertFalse(d.allowed());
        assertEquals("0 automatic rollbacks of this prompt in the last 24 h; at most 0"
                + " (promptwatch.alerting.rollback.max-per-day)", d.reason());
        assertNull(d.notBefore(), "never");

        RollbackSafeguards hourApart = new RollbackSafeguards(Duration.ofMinutes(65), 10);
        assertEquals("the last automatic rollback of this prompt was 1 h 4 min 30 s ago; at least 1 h 5 min must"
                        + " pass (promptwatch.alerting.rollback.min-gap)",
                hourApart.check(List.of(ago(Duration.ofSeconds(3870))), NOW).reason());

        assertThrows(IllegalArgumentException.class, () -> new RollbackSafeguards(Duration.ofMinutes(-1), 3));
        assertThrows(IllegalArgumentException.class, () -> new RollbackSafeguards(Duration.ofMinutes(15), -1));
    }
}
