package io.promptwatch.alerting.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The evaluator's beat: lags are differences of the instants written here (hand arithmetic). */
class EvaluatorPulseTest {

    static final Instant START = Instant.parse("2026-12-02T10:00:00Z");
    static final Duration INTERVAL = Duration.ofSeconds(30);

    @Test
    void beforeTheFirstRunTheLagCountsFromTheStart() {
        // The integration-test server: interval 1 h, the first run due at 11:00; at 10:59 nothing ran yet.
        EvaluatorPulse pulse = EvaluatorPulse.of(true, START, null, null, Duration.ofHours(1), 5, START.plusSeconds(59 * 60));
        assertFalse(pulse.stale());
        assertEquals(Duration.ofMinutes(59), pulse.lag());
        assertEquals(START, pulse.since());
    }

    @Test
    void staleAfterStaleIntervalsWithoutARun() {
        Instant last = START.plusSeconds(30);
        // 5 × 30 s = 150 s: at 149 s after the last run it is not stale, at 150 s it is.
        assertFalse(EvaluatorPulse.of(true, START, last, null, INTERVAL, 5, last.plusSeconds(149)).stale());
        EvaluatorPulse late = EvaluatorPulse.of(true, START, last, null, INTERVAL, 5, last.plusSeconds(150));
        assertTrue(late.stale());
        assertEquals(Duration.ofSeconds(150), late.lag());
        // Never run and 150 s after the start: stale as well.
        assertTrue(EvaluatorPulse.of(true, START, null, null, INTERVAL, 5, START.plusSeconds(150)).stale());
    }

    @Test
    void aTickThatLeftTheWorkToTheLeaseHolderCountsAsALifeSign() {
        Instant deferred = START.plusSeconds(300);
        EvaluatorPulse pulse = EvaluatorPulse.of(true, START, START.plusSeconds(30), deferred, INTERVAL, 5, deferred.plusSeconds(10));
        assertFalse(pulse.stale());
        assertEquals(Duration.ofSeconds(10), pulse.lag());
        assertEquals(deferred, pulse.since());
    }

    @Test
    void switchedOffIsNeverStale() {
        assertFalse(EvaluatorPulse.of(false, START, null, null, INTERVAL, 5, START.plus(Duration.ofDays(3))).stale());
    }

    @Test
    void aClockBehindTheLastRunGivesNoNegativeLag() {
        assertEquals(Duration.ZERO, EvaluatorPulse.of(true, START, START.plusSeconds(60), null, INTERVAL, 5, START).lag());
    }

    @Test
    void settingsThatMakeNoSenseAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> EvaluatorPulse.of(true, START, null, null, Duration.ZERO, 5, START));
        assertThrows(IllegalArgumentException.class, () -> EvaluatorPulse.of(true, START, null, null, INTERVAL, 0, START));
    }
}
