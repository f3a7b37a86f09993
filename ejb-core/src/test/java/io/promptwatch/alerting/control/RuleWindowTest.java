package io.promptwatch.alerting.control;

import static io.promptwatch.metrics.entity.Window.DAY;
import static io.promptwatch.metrics.entity.Window.FIVE_MINUTES;
import static io.promptwatch.metrics.entity.Window.HOUR;
import static io.promptwatch.metrics.entity.Window.MINUTE;
import static io.promptwatch.metrics.entity.Window.SIX_HOURS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptwatch.metrics.entity.Window;
import io.promptwatch.problem.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Rule windows, their rollup covers (expected pieces listed by hand) and the rule's ISO durations. */
class RuleWindowTest {

    private static RollupPiece piece(Window window, String start) {
        return new RollupPiece(window, Instant.parse(start));
    }

    private static List<RollupPiece> pieces(Window window, String first, int count) {
        List<RollupPiece> pieces = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            pieces.add(new RollupPiece(window, Instant.parse(first).plus(window.length().multipliedBy(i))));
        }
        return pieces;
    }

    @SafeVarargs
    private static List<RollupPiece> concat(List<RollupPiece>... parts) {
        List<RollupPiece> all = new ArrayList<>();
        for (List<RollupPiece> part : parts) {
            all.addAll(part);
        }
        return all;
    }

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
    void anHourFromSevenPastTenIsMinutesFiveMinutesAndMinutes() {
        // [10:07, 11:07): 1m 10:07 10:08 10:09, 5m 10:10 … 11:00 (11 buckets), 1m 11:05 11:06
        List<RollupPiece> expected = concat(pieces(MINUTE, "2026-03-09T10:07:00Z", 3),
                pieces(FIVE_MINUTES, "2026-03-09T10:10:00Z", 11), pieces(MINUTE, "2026-03-09T11:05:00Z", 2));
        assertEquals(expected, RuleWindow.HOUR.cover(Instant.parse("2026-03-09T11:07:42.5Z")));
        assertEquals(Instant.parse("2026-03-09T10:07:00Z"), RuleWindow.HOUR.start(Instant.parse("2026-03-09T11:07:42.5Z")));
    }

    @Test
    void tenMinutesAreTwoFiveMinuteBucketsWhenAlignedAndMinutesAroundOneOtherwise() {
        assertEquals(List.of(piece(FIVE_MINUTES, "2026-03-09T10:00:00Z"), piece(FIVE_MINUTES, "2026-03-09T10:05:00Z")),
                RuleWindow.TEN_MINUTES.cover(Instant.parse("2026-03-09T10:10:00Z")));
        // [10:03, 10:13): 1m 10:03 10:04, 5m 10:05, 1m 10:10 10:11 10:12
        assertEquals(concat(pieces(MINUTE, "2026-03-09T10:03:00Z", 2), pieces(FIVE_MINUTES, "2026-03-09T10:05:00Z", 1),
                        pieces(MINUTE, "2026-03-09T10:10:00Z", 3)),
                RuleWindow.TEN_MINUTES.cover(Instant.parse("2026-03-09T10:13:59Z")));
    }

    @Test
    void fifteenMinutesAlignedAreThreeFiveMinuteBuckets() {
        assertEquals(pieces(FIVE_MINUTES, "2026-03-09T09:45:00Z", 3),
                RuleWindow.FIFTEEN_MINUTES.cover(Instant.parse("2026-03-09T10:00:30Z")));
    }

    @Test
    void alignedHoursAndDaysAreOneBucket() {
        assertEquals(List.of(piece(HOUR, "2026-03-09T10:00:00Z")),
                RuleWindow.HOUR.cover(Instant.parse("2026-03-09T11:00:00Z")));
        assertEquals(List.of(piece(DAY, "2026-03-08T00:00:00Z")),
                RuleWindow.DAY.cover(Instant.parse("2026-03-09T00:00:59Z")));
        assertEquals(List.of(piece(MINUTE, "2026-03-09T10:59:00Z"), piece(MINUTE, "2026-03-09T11:00:00Z"),
                piece(MINUTE, "2026-03-09T11:01:00Z"), piece(MINUTE, "2026-03-09T11:02:00Z"),
                piece(MINUTE, "2026-03-09T11:03:00Z")),
                RuleWindow.FIVE_MINUTES.cover(Instant.parse("2026-03-09T11:04:00Z")),
                "a 5m window across an hour, not on a 5m boundary");
    }

    @Test
    void aDayFromSevenPastTenUsesQuarterDaysAndHoursInTheMiddle() {
        // [03-08 10:07, 03-09 10:07): 1m 10:07–10:09, 5m 10:10–10:55 (10), 1h 11:00, 6h 12:00 18:00 00:00,
        // 1h 06:00 … 09:00 (4), 5m 10:00, 1m 10:05 10:06: 24 buckets (39 with hours only)
        List<RollupPiece> expected = concat(pieces(MINUTE, "2026-03-08T10:07:00Z", 3),
                pieces(FIVE_MINUTES, "2026-03-08T10:10:00Z", 10), pieces(HOUR, "2026-03-08T11:00:00Z", 1),
                pieces(SIX_HOURS, "2026-03-08T12:00:00Z", 3), pieces(HOUR, "2026-03-09T06:00:00Z", 4),
                pieces(FIVE_MINUTES, "2026-03-09T10:00:00Z", 1), pieces(MINUTE, "2026-03-09T10:05:00Z", 2));
        assertEquals(expected, RuleWindow.DAY.cover(Instant.parse("2026-03-09T10:07:00Z")));
    }

    @Test
    void everyCoverIsExactAlignedAndCoarsest() {
        // checked without the algorithm: contiguous from start to end, each bucket on its own boundary, and
        // no bucket lies inside a coarser bucket that itself fits in the span (it would have been taken)
        Instant base = Instant.parse("2026-03-09T23:00:00Z");
        for (RuleWindow window : RuleWindow.values()) {
            for (int minute = 0; minute < 24 * 60; minute += 7) {
                Instant now = base.plus(Duration.ofMinutes(minute)).plusSeconds(minute % 60);
                Instant start = window.start(now);
                Instant end = RuleWindow.end(now);
                Instant at = start;
                for (RollupPiece p : window.cover(now)) {
                    assertEquals(at, p.start(), window + " at " + now);
                    assertEquals(p.window().floor(p.start()), p.start());
                    for (Window coarser : Window.values()) {
                        Instant outerStart = coarser.floor(p.start());
                        boolean fits = !outerStart.isBefore(start) && !outerStart.plus(coarser.length()).isAfter(end);
                        assertTrue(coarser.length().compareTo(p.window().length()) <= 0 || !fits,
                                () -> window + " at " + now + ": " + p + " lies in a " + coarser.label() + " bucket that fits");
                    }
                    at = p.end();
                }
                assertEquals(end, at, window + " at " + now);
            }
        }
    }

    @Test
    void coverRefusesSpansOffTheMinute() {
        assertThrows(IllegalArgumentException.class,
                () -> RuleWindow.cover(Instant.parse("2026-03-09T10:00:30Z"), Instant.parse("2026-03-09T10:05:00Z")));
        assertThrows(IllegalArgumentException.class,
                () -> RuleWindow.cover(Instant.parse("2026-03-09T10:05:00Z"), Instant.parse("2026-03-09T10:00:00Z")));
        assertEquals(List.of(), RuleWindow.cover(Instant.parse("2026-03-09T10:05:00Z"), Instant.parse("2026-03-09T10:05:00Z")));
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
