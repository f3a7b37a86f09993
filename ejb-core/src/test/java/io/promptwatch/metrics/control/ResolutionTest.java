package io.promptwatch.metrics.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.promptwatch.metrics.entity.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResolutionTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:37:12Z");
    private static final Retention DEFAULTS = new Retention(Map.of(Window.MINUTE, Duration.ofDays(1),
            Window.FIVE_MINUTES, Duration.ofDays(7), Window.HOUR, Duration.ofDays(30), Window.SIX_HOURS, Duration.ofDays(30),
            Window.DAY, Duration.ofDays(90), Window.WEEK, Duration.ofDays(365)));

    private static Resolution choose(Duration back) {
        return Resolution.choose(NOW.minus(back), NOW, 24, DEFAULTS, NOW);
    }

    @Test
    void coarsestWindowGivingEnoughBuckets() {
        assertEquals(Window.MINUTE, choose(Duration.ofHours(1)).window());
        assertEquals(Window.HOUR, choose(Duration.ofDays(1)).window());
        // 28 quarter days would be enough, but 6h is never chosen: a week keeps its 168 hours.
        assertEquals(Window.HOUR, choose(Duration.ofDays(7)).window());
        assertEquals(Window.HOUR, choose(Duration.ofDays(20)).window());
        assertEquals(Window.DAY, choose(Duration.ofDays(60)).window());
    }

    @Test
    void windowsNoLongerKeptAtTheStartAreSkipped() {
        // Two days back: 1m buckets are gone (kept 24 h), 5m buckets would do but 1h already gives 48.
        assertEquals(Window.HOUR, choose(Duration.ofDays(2)).window());
        // Ten minutes, 40 days back: only 24h and 7d buckets are still kept there.
        Instant from = NOW.minus(Duration.ofDays(40));
        assertEquals(Window.DAY, Resolution.choose(from, from.plusSeconds(600), 24, DEFAULTS, NOW).window());
    }

    @Test
    void rangeIsWidenedToWholeBuckets() {
        Resolution r = Resolution.of(Window.FIVE_MINUTES, Instant.parse("2026-11-25T10:01:00Z"), Instant.parse("2026-11-25T10:11:00Z"));
        assertEquals(Instant.parse("2026-11-25T10:00:00Z"), r.from());
        assertEquals(Instant.parse("2026-11-25T10:15:00Z"), r.to());
        assertEquals(3, r.buckets());
    }
}
