package io.promptwatch.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExpiringCacheTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-11-25T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final ExpiringCache<String, String> cache = new ExpiringCache<>(Duration.ofSeconds(60), clock);
    private final AtomicInteger loads = new AtomicInteger();

    private String load(String key) {
        loads.incrementAndGet();
        return key.equals("missing") ? null : key.toUpperCase();
    }

    @Test
    void loadsOnceWhileFreshAndAgainOnceExpired() {
        assertEquals("A", cache.get("a", this::load));
        clock.now = clock.now.plusSeconds(59);
        assertEquals("A", cache.get("a", this::load));
        assertEquals(1, loads.get());
        clock.now = clock.now.plusSeconds(1);
        assertTrue(cache.get("a").isEmpty(), "an entry is gone exactly ttl after it was stored");
        assertEquals("A", cache.get("a", this::load));
        assertEquals(2, loads.get());
    }

    @Test
    void absentValuesAreNotCachedAndInvalidationForgets() {
        assertNull(cache.get("missing", this::load));
        assertNull(cache.get("missing", this::load));
        assertEquals(2, loads.get());
        cache.put("b", "stored");
        cache.invalidate("b");
        assertEquals("B", cache.get("b", this::load));
    }

    @Test
    void clearForgetsEveryEntry() {
        cache.get("a", this::load);
        cache.get("b", this::load);
        cache.clear();
        assertTrue(cache.get("a").isEmpty());
        assertTrue(cache.get("b").isEmpty());
        assertEquals("A", cache.get("a", this::load));
        assertEquals(3, loads.get());
        assertEquals("A", cache.get("a", this::load), "a load after the clear is cached again");
        assertEquals(3, loads.get());
    }

    @Test
    void aLoadUnderWayWhenTheCacheIsClearedIsNotServed() {
        // The loader read the old state; another server's change commits and the clear it causes
        // lands before the loader's value is stored.
        assertEquals("old", cache.get("a", key -> {
            cache.clear();
            return "old";
        }), "the caller still gets what it loaded");
        assertTrue(cache.get("a").isEmpty(), "but nobody after the clear does");
        assertEquals("A", cache.get("a", this::load));
        assertEquals("A", cache.get("a").orElseThrow());
    }

    @Test
    void loadReplacesAnEntryTheCallerFoundUnfit() {
        cache.put("a", "unfit");
        assertEquals("A", cache.load("a", this::load));
        assertEquals("A", cache.get("a").orElseThrow());
    }
}
