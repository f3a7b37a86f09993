package io.promptwatch.metrics.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptwatch.metrics.entity.Window;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RollupPaceTest {

    private static Map<String, String> settings() {
        Map<String, String> s = new HashMap<>();
        for (Window w : Window.values()) {
            s.put("promptwatch.metrics.rollup.batch-records." + w.label(), String.valueOf(w.minutes() * 10));
            s.put("promptwatch.metrics.rollup.busy-interval." + w.label(), "PT" + w.minutes() + "S");
        }
        return s;
    }

    @Test
    void eachWindowHasItsOwnBatch() {
        RollupPace pace = new RollupPace(settings()::get);
        assertEquals(10, pace.batch(Window.MINUTE));
        assertEquals(100_800, pace.batch(Window.WEEK));
    }

    @Test
    void whileBusyAWindowRollsOncePerItsInterval() {
        RollupPace pace = new RollupPace(settings()::get);
        long t0 = 1_000_000_000L;
        long fiveSeconds = Duration.ofSeconds(5).toNanos();
        assertTrue(pace.takeBusyTurn(Window.FIVE_MINUTES, t0), "first turn");
        assertFalse(pace.takeBusyTurn(Window.FIVE_MINUTES, t0 + fiveSeconds - 1), "within the 5 s interval");
        assertTrue(pace.takeBusyTurn(Window.MINUTE, t0 + 1), "another window keeps its own turn");
        assertTrue(pace.takeBusyTurn(Window.FIVE_MINUTES, t0 + fiveSeconds), "interval over");
        assertFalse(pace.takeBusyTurn(Window.FIVE_MINUTES, t0 + fiveSeconds + 1), "the new turn counts from its own start");
    }

    @Test
    void badSettingsNameTheProperty() {
        Map<String, String> s = settings();
        s.put("promptwatch.metrics.rollup.busy-interval.24h", "60s");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new RollupPace(s::get));
        assertTrue(e.getMessage().contains("promptwatch.metrics.rollup.busy-interval.24h"), e.getMessage());
        s.put("promptwatch.metrics.rollup.busy-interval.24h", "PT60S");
        s.put("promptwatch.metrics.rollup.batch-records.1h", "0");
        e = assertThrows(IllegalStateException.class, () -> new RollupPace(s::get));
        assertTrue(e.getMessage().contains("promptwatch.metrics.rollup.batch-records.1h"), e.getMessage());
    }
}
