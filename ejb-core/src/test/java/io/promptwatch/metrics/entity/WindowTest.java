package io.promptwatch.metrics.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class WindowTest {

    private static final Instant T = Instant.parse("2026-11-25T10:37:12.345Z");

    @Test
    void bucketsStartOnUtcBoundaries() {
        assertEquals(Instant.parse("2026-11-25T10:37:00Z"), Window.MINUTE.floor(T));
        assertEquals(Instant.parse("2026-11-25T10:35:00Z"), Window.FIVE_MINUTES.floor(T));
        assertEquals(Instant.parse("2026-11-25T10:00:00Z"), Window.HOUR.floor(T));
        assertEquals(Instant.parse("2026-11-25T06:00:00Z"), Window.SIX_HOURS.floor(T));
        assertEquals(Instant.parse("2026-11-25T18:00:00Z"), Window.SIX_HOURS.floor(Instant.parse("2026-11-25T23:59:59Z")));
        assertEquals(Instant.parse("2026-11-25T00:00:00Z"), Window.DAY.floor(T));
        // 2026-11-25 is a Wednesday: its week bucket starts on Monday the 23rd.
        assertEquals(Instant.parse("2026-11-23T00:00:00Z"), Window.WEEK.floor(T));
        assertEquals(Instant.parse("2026-11-23T00:00:00Z"), Window.WEEK.floor(Instant.parse("2026-11-23T00:00:00Z")));
        assertEquals(Instant.parse("2026-11-16T00:00:00Z"), Window.WEEK.floor(Instant.parse("2026-11-22T23:59:59Z")));
    }

    @Test
    void instantsBeforeTheEpochFloorDownwards() {
        assertEquals(Instant.parse("1969-12-31T23:55:00Z"), Window.FIVE_MINUTES.floor(Instant.parse("1969-12-31T23:59:59Z")));
    }

    @Test
    void ceilKeepsABoundaryAndRoundsEverythingElseUp() {
        assertEquals(Instant.parse("2026-11-25T11:00:00Z"), Window.HOUR.ceil(T));
        assertEquals(Instant.parse("2026-11-25T10:00:00Z"), Window.HOUR.ceil(Instant.parse("2026-11-25T10:00:00Z")));
    }

    @Test
    void labelsAndStoredMinutesRoundTrip() {
        for (Window w : Window.values()) {
            assertEquals(w, Window.parse(w.label()).orElseThrow());
            assertEquals(w, Window.ofMinutes(w.minutes()));
        }
        assertEquals(10080, Window.WEEK.minutes());
    }
}
