package io.promptwatch.security.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Uses are handed out once; a failed write puts them back without losing a later use. */
class KeyUsageTest {

    @Test
    void drainHandsOutEachUseOnce() {
        KeyUsage usage = new KeyUsage();
        Instant now = Instant.now();
        usage.record("a", now.minusSeconds(1));
        usage.record("a", now);
        usage.record("b", now);
        assertEquals(Map.of("a", now, "b", now), usage.drain());
        assertEquals(Map.of(), usage.drain());
    }

    @Test
    void restoreKeepsTheLaterOfTwoUses() {
        KeyUsage usage = new KeyUsage();
        Instant now = Instant.now();
        usage.record("a", now.minusSeconds(10));
        Map<String, Instant> failed = usage.drain();
        usage.record("a", now);
        usage.record("b", now.minusSeconds(3));
        usage.restore(Map.of("a", now.minusSeconds(10), "b", now.minusSeconds(5)));
        assertEquals(Map.of("a", now, "b", now.minusSeconds(3)), usage.drain());
        assertEquals(1, failed.size());
    }
}
