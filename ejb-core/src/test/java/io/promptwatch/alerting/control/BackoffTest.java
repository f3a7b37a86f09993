package io.promptwatch.alerting.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void growsByTheFactorFromTheBase() {
        Backoff backoff = new Backoff(4, Duration.ofSeconds(1), 5, Duration.ofMinutes(1));
        // By hand: none before the first attempt, then 1 s × 5^0, 1 s × 5^1, 1 s × 5^2.
        assertEquals(Duration.ZERO, backoff.delayBefore(1));
        assertEquals(Duration.ofSeconds(1), backoff.delayBefore(2));
        assertEquals(Duration.ofSeconds(5), backoff.delayBefore(3));
        assertEquals(Duration.ofSeconds(25), backoff.delayBefore(4));
    }

    @Test
    void neverWaitsLongerThanTheCap() {
        Backoff backoff = new Backoff(6, Duration.ofSeconds(1), 5, Duration.ofMinutes(1));
        // 1 s × 5^3 = 125 s and 1 s × 5^4 = 625 s both exceed the 60 s cap.
        assertEquals(Duration.ofSeconds(60), backoff.delayBefore(5));
        assertEquals(Duration.ofSeconds(60), backoff.delayBefore(6));
        Backoff many = new Backoff(1_000, Duration.ofSeconds(1), 5, Duration.ofMinutes(1));
        assertEquals(Duration.ofSeconds(60), many.delayBefore(1_000), "5^998 overflows a double: still the cap");
    }

    @Test
    void factorOneIsAConstantWait() {
        Backoff backoff = new Backoff(3, Duration.ofMillis(1_500), 1, Duration.ofMillis(1_500));
        assertEquals(Duration.ofMillis(1_500), backoff.delayBefore(2));
        assertEquals(Duration.ofMillis(1_500), backoff.delayBefore(3));
    }

    @Test
    void fractionalFactorsRoundToTheMillisecond() {
        // 200 ms × 1.5^2 = 450 ms; 200 ms × 1.5^3 = 675 ms.
        Backoff backoff = new Backoff(5, Duration.ofMillis(200), 1.5, Duration.ofSeconds(10));
        assertEquals(Duration.ofMillis(450), backoff.delayBefore(4));
        assertEquals(Duration.ofMillis(675), backoff.delayBefore(5));
    }

    @Test
    void saysWhetherAnotherAttemptFollows() {
        Backoff backoff = new Backoff(3, Duration.ofSeconds(1), 5, Duration.ofMinutes(1));
        assertTrue(backoff.hasAttemptAfter(1));
        assertTrue(backoff.hasAttemptAfter(2));
        assertFalse(backoff.hasAttemptAfter(3));
    }

    @Test
    void refusesAttemptsOutsideTheSchedule() {
        Backoff backoff = new Backoff(3, Duration.ofSeconds(1), 5, Duration.ofMinutes(1));
        assertThrows(IllegalArgumentException.class, () -> backoff.delayBefore(0));
        assertThrows(IllegalArgumentException.class, () -> backoff.delayBefore(4));
    }

    @Test
    void refusesNonsenseParameters() {
        Duration second = Duration.ofSeconds(1);
        assertThrows(IllegalArgumentException.class, () -> new Backoff(0, second, 5, second));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(3, Duration.ZERO, 5, second));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(3, second, 0.5, second));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(3, second, Double.NaN, second));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(3, second, 5, Duration.ofMillis(999)));
    }
}
