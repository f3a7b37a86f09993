package io.promptwatch.metrics.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptwatch.metrics.boundary.MetricsQuery.Filter;
import io.promptwatch.metrics.control.Breakdown;
import io.promptwatch.metrics.control.Bucket;
import io.promptwatch.metrics.control.BucketFilter;
import io.promptwatch.metrics.control.BucketKey;
import io.promptwatch.metrics.control.Resolution;
import io.promptwatch.metrics.control.Retention;
import io.promptwatch.metrics.control.RollupRecord;
import io.promptwatch.metrics.control.RollupStore;
import io.promptwatch.metrics.entity.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class MetricsQueryTest {

    @Test
    void aFilterReadsTheBreakdownThatHoldsItsTotals() {
        assertEquals(Breakdown.PROMPT, MetricsQuery.breakdownFor(new Filter("support-bot", null, null, null, null)));
        assertEquals(Breakdown.PROMPT, MetricsQuery.breakdownFor(new Filter(null, null, null, "support", null)));
        assertEquals(Breakdown.VERSION, MetricsQuery.breakdownFor(new Filter("support-bot", "1.2.0", null, null, null)));
        assertEquals(Breakdown.MODEL, MetricsQuery.breakdownFor(new Filter("support-bot", null, "gpt-4o", null, null)));
        assertEquals(Breakdown.MODEL, MetricsQuery.breakdownFor(new Filter(null, null, "gpt-4o", "support", null)));
    }

    @Test
    void aDomainOrAVersionWithAModelNeedsTheDetail() {
        assertEquals(Breakdown.DETAIL, MetricsQuery.breakdownFor(new Filter("support-bot", null, null, null, "billing")));
        assertEquals(Breakdown.DETAIL, MetricsQuery.breakdownFor(new Filter("support-bot", "1.2.0", "gpt-4o", null, null)));
        assertEquals(Breakdown.DETAIL, MetricsQuery.breakdownFor(new Filter(null, null, null, "support", "billing")));
    }

    @Test
    void withoutPromptOrTagTheAllPromptsBucketsAnswer() {
        assertEquals(Breakdown.ACROSS_PROMPTS, MetricsQuery.breakdownFor(new Filter(null, null, null, null, null)));
        assertEquals(Breakdown.ACROSS_PROMPTS, MetricsQuery.breakdownFor(new Filter(null, null, "gpt-4o", null, "billing")));
    }

    /** The shipped retention (microprofile-config.properties): 1m P1D, 5m P7D, 1h P30D, 6h P30D, 24h P90D, 7d P365D. */
    static final Map<Window, Duration> KEPT = Map.of(Window.MINUTE, Duration.ofDays(1), Window.FIVE_MINUTES, Duration.ofDays(7),
            Window.HOUR, Duration.ofDays(30), Window.SIX_HOURS, Duration.ofDays(30), Window.DAY, Duration.ofDays(90),
            Window.WEEK, Duration.ofDays(365));
    static final Instant NOW = Instant.parse("2026-12-02T10:17:30Z");
    static final Function<Window, Instant> HORIZON = w -> w.floor(NOW.minus(KEPT.get(w)));

    @Test
    void aDayOfMinutesReadsTheCoarsestBucketsThatFitInsideAndAtTheEnds() {
        // [12-01 10:18, 12-02 10:18): no whole day fits; quarter days 12:00 .. 06:00 do; each end is split
        // again (1m 10:18-10:20, 5m to 11:00, 1h to 12:00; 1h 06:00-10:00, 5m to 10:15, 1m to 10:18), the
        // minutes within their day of retention (horizon 12-01 10:17).
        Instant from = Instant.parse("2026-12-01T10:18:00Z");
        Instant to = Instant.parse("2026-12-02T10:18:00Z");
        assertEquals(List.of(new Resolution(Window.MINUTE, from, Instant.parse("2026-12-01T10:20:00Z")),
                new Resolution(Window.FIVE_MINUTES, Instant.parse("2026-12-01T10:20:00Z"), Instant.parse("2026-12-01T11:00:00Z")),
                new Resolution(Window.HOUR, Instant.parse("2026-12-01T11:00:00Z"), Instant.parse("2026-12-01T12:00:00Z")),
                new Resolution(Window.SIX_HOURS, Instant.parse("2026-12-01T12:00:00Z"), Instant.parse("2026-12-02T06:00:00Z")),
                new Resolution(Window.HOUR, Instant.parse("2026-12-02T06:00:00Z"), Instant.parse("2026-12-02T10:00:00Z")),
                new Resolution(Window.FIVE_MINUTES, Instant.parse("2026-12-02T10:00:00Z"), Instant.parse("2026-12-02T10:15:00Z")),
                new Resolution(Window.MINUTE, Instant.parse("2026-12-02T10:15:00Z"), to)),
                MetricsQuery.pieces(new Resolution(Window.MINUTE, from, to), HORIZON));
    }

    /**
     * The worst hour of the week for a 7-day table: the range ended an hour ago at 01:00 (no last slot),
     * read as 1h 01:00-06:00 (5), 6h 06:00-00:00 (3), six days and 1h 00:00-01:00: 15 buckets per series,
     * where hours alone at the ends took 30.
     */
    @Test
    void sevenDaysToOneInTheMorningReadFifteenBucketsASeries() {
        Instant from = Instant.parse("2026-11-25T01:00:00Z");
        Instant to = Instant.parse("2026-12-02T01:00:00Z");
        List<Resolution> pieces = MetricsQuery.pieces(new Resolution(Window.HOUR, from, to), HORIZON);
        assertEquals(List.of(new Resolution(Window.HOUR, from, Instant.parse("2026-11-25T06:00:00Z")),
                new Resolution(Window.SIX_HOURS, Instant.parse("2026-11-25T06:00:00Z"), Instant.parse("2026-11-26T00:00:00Z")),
                new Resolution(Window.DAY, Instant.parse("2026-11-26T00:00:00Z"), Instant.parse("2026-12-02T00:00:00Z")),
                new Resolution(Window.HOUR, Instant.parse("2026-12-02T00:00:00Z"), to)), pieces);
        assertEquals(15, pieces.stream().mapToLong(Resolution::buckets).sum());
    }

    @Test
    void thirtyDaysOfMinutesAreReadFromWindowsThatStillKeepThem() {
        Instant from = Instant.parse("2026-11-02T10:18:00Z");
        Instant to = Instant.parse("2026-12-02T10:18:00Z");
        List<Resolution> pieces = MetricsQuery.pieces(new Resolution(Window.MINUTE, from, to), HORIZON);
        Instant at = from;
        for (Resolution piece : pieces) {
            assertEquals(at, piece.from(), () -> "the pieces do not tile the span: " + pieces);
            assertTrue(piece.from().isBefore(piece.to()), () -> "an empty piece: " + pieces);
            assertEquals(piece.window().floor(piece.from()), piece.from(), () -> "a piece off its window's alignment: " + pieces);
            at = piece.to();
        }
        assertEquals(to, at);
        // Only the first piece (minutes before the first whole hour, 10:18 .. 11:00) lies beyond its window's
        // retention: 5m is kept 7 days, so nothing coarser than a minute and finer than an hour holds it.
        Resolution first = pieces.get(0);
        assertEquals(new Resolution(Window.MINUTE, from, Instant.parse("2026-11-02T11:00:00Z")), first);
        for (Resolution piece : pieces.subList(1, pieces.size())) {
            assertTrue(!piece.from().isBefore(HORIZON.apply(piece.window())), () -> piece + " is no longer kept: " + pieces);
        }
    }

    /**
     * Expected pieces by hand (the alert evaluator's 24h window): from 12:34 the 1m bucket
     * up to the first 5m boundary, 5m buckets up to the first hour, hours up to the first quarter day
     * (18:00), quarter days up to the last one's end (12:00), then 5m buckets and the last 1m buckets (no
     * day bucket fits: both ends lie inside a day).
     */
    @Test
    void byVersionReadsTheEndsOfADayWithTheCoarsestBucketsThatFit() {
        List<String> pieces = new ArrayList<>();
        MetricsQuery query = new MetricsQuery();
        query.store = new RollupStore() {
            @Override
            public Map<BucketKey, Bucket> read(Window window, Instant from, Instant to, BucketFilter filter) {
                pieces.add(window.label() + " " + from + " " + to);
                return Map.of();
            }
        };
        query.retention = new Retention() {
            @Override
            public Instant horizon(Window window, Instant now) {
                return Instant.EPOCH; // everything kept
            }
        };
        query.byVersion(null, Instant.parse("2026-12-01T12:34:00Z"), Instant.parse("2026-12-02T12:34:00Z"));
        assertEquals(List.of(
                "1m 2026-12-01T12:34:00Z 2026-12-01T12:35:00Z",
                "5m 2026-12-01T12:35:00Z 2026-12-01T13:00:00Z",
                "1h 2026-12-01T13:00:00Z 2026-12-01T18:00:00Z",
                "6h 2026-12-01T18:00:00Z 2026-12-02T12:00:00Z",
                "5m 2026-12-02T12:00:00Z 2026-12-02T12:30:00Z",
                "1m 2026-12-02T12:30:00Z 2026-12-02T12:34:00Z"), pieces);
    }

    /** The rule windows' covers once listed by hand for RuleWindow.cover, now as the pieces the evaluator reads. */
    @Test
    void ruleWindowsReadTheirEndsInMinutesAndTheirMiddleCoarser() {
        Function<Window, Instant> all = w -> Instant.EPOCH;
        // [10:07, 11:07): 1m 10:07-10:10, 5m 10:10-11:05, 1m 11:05-11:07
        assertEquals(List.of(new Resolution(Window.MINUTE, Instant.parse("2026-03-09T10:07:00Z"), Instant.parse("2026-03-09T10:10:00Z")),
                new Resolution(Window.FIVE_MINUTES, Instant.parse("2026-03-09T10:10:00Z"), Instant.parse("2026-03-09T11:05:00Z")),
                new Resolution(Window.MINUTE, Instant.parse("2026-03-09T11:05:00Z"), Instant.parse("2026-03-09T11:07:00Z"))),
                MetricsQuery.pieces(new Resolution(Window.MINUTE, Instant.parse("2026-03-09T10:07:00Z"), Instant.parse("2026-03-09T11:07:00Z")), all));
        // aligned 10m, 1h and 24h windows: their own coarsest buckets
        assertEquals(List.of(new Resolution(Window.FIVE_MINUTES, Instant.parse("2026-03-09T10:00:00Z"), Instant.parse("2026-03-09T10:10:00Z"))),
                MetricsQuery.pieces(new Resolution(Window.MINUTE, Instant.parse("2026-03-09T10:00:00Z"), Instant.parse("2026-03-09T10:10:00Z")), all));
        assertEquals(List.of(new Resolution(Window.HOUR, Instant.parse("2026-03-09T10:00:00Z"), Instant.parse("2026-03-09T11:00:00Z"))),
                MetricsQuery.pieces(new Resolution(Window.MINUTE, Instant.parse("2026-03-09T10:00:00Z"), Instant.parse("2026-03-09T11:00:00Z")), all));
        assertEquals(List.of(new Resolution(Window.DAY, Instant.parse("2026-03-08T00:00:00Z"), Instant.parse("2026-03-09T00:00:00Z"))),
                MetricsQuery.pieces(new Resolution(Window.MINUTE, Instant.parse("2026-03-08T00:00:00Z"), Instant.parse("2026-03-09T00:00:00Z")), all));
        // a 5m window across an hour, off the 5m boundaries: minutes only
        assertEquals(List.of(new Resolution(Window.MINUTE, Instant.parse("2026-03-09T10:59:00Z"), Instant.parse("2026-03-09T11:04:00Z"))),
                MetricsQuery.pieces(new Resolution(Window.MINUTE, Instant.parse("2026-03-09T10:59:00Z"), Instant.parse("2026-03-09T11:04:00Z")), all));
    }

    /**
     * Every alert rule window (5m, 10m, 15m, 1h, 24h) and a week and 30 days, ending at minutes all through a
     * day, with everything kept, checked without the algorithm: the buckets of the pieces run from start to
     * end without gap or overlap, each on its own window's boundary, and none lies inside a coarser bucket
     * that itself fits in the span (that one would count the same minutes with fewer buckets).
     */
    @Test
    void everySplitTilesTheSpanWithTheCoarsestBucketsThatFit() {
        Instant monday = Instant.parse("2026-11-30T23:00:00Z");
        for (Duration length : List.of(Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(15),
                Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(7), Duration.ofDays(30))) {
            for (int minute = 0; minute < 24 * 60; minute += 7) {
                Instant end = monday.plus(Duration.ofMinutes(minute));
                Instant start = end.minus(length);
                String span = "[" + start + ", " + end + ")";
                Instant at = start;
                for (Resolution piece : MetricsQuery.pieces(new Resolution(Window.MINUTE, start, end), w -> Instant.EPOCH)) {
                    Window window = piece.window();
                    for (Instant bucket = piece.from(); bucket.isBefore(piece.to()); bucket = bucket.plus(window.length())) {
                        assertEquals(at, bucket, span);
                        assertEquals(window.floor(bucket), bucket, span);
                        for (Window coarser : Window.values()) {
                            Instant outer = coarser.floor(bucket);
                            boolean fits = !outer.isBefore(start) && !outer.plus(coarser.length()).isAfter(end);
                            assertTrue(coarser.length().compareTo(window.length()) <= 0 || !fits,
                                    span + ": the " + window.label() + " bucket at " + bucket + " lies in a " + coarser.label() + " bucket that fits");
                        }
                        at = bucket.plus(window.length());
                    }
                }
                assertEquals(end, at, span);
            }
        }
    }

    /**
     * The last 7 days up to Wednesday 2026-12-02 10:17:30 at 1h (the models table): the week bucket
     * since Monday 11-30 may answer for [11-30, 12-02 11:00), as nothing is recorded after now. Left:
     * [11-25 10:00, 11-30 00:00), read as 2 hours, 2 quarter days and 4 days: 9 buckets per series
     * instead of 30.
     */
    @Test
    void theLastSevenDaysEndWithTheWeekSinceMonday() {
        Instant from = Instant.parse("2026-11-25T10:00:00Z");
        Instant to = Instant.parse("2026-12-02T11:00:00Z");
        Resolution last = MetricsQuery.lastSlot(new Resolution(Window.HOUR, from, to), NOW, HORIZON);
        assertEquals(new Resolution(Window.WEEK, Instant.parse("2026-11-30T00:00:00Z"), Instant.parse("2026-12-07T00:00:00Z")), last);
        assertEquals(List.of(new Resolution(Window.HOUR, from, Instant.parse("2026-11-25T12:00:00Z")),
                new Resolution(Window.SIX_HOURS, Instant.parse("2026-11-25T12:00:00Z"), Instant.parse("2026-11-26T00:00:00Z")),
                new Resolution(Window.DAY, Instant.parse("2026-11-26T00:00:00Z"), Instant.parse("2026-11-30T00:00:00Z"))),
                MetricsQuery.pieces(new Resolution(Window.HOUR, from, last.from()), HORIZON));
    }

    @Test
    void theLastSlotIsTheCoarsestBucketStartingInsideTheRange() {
        // Since Tuesday 11-24: Monday's week starts before it, today's day bucket inside it.
        assertEquals(new Resolution(Window.DAY, Instant.parse("2026-12-02T00:00:00Z"), Instant.parse("2026-12-03T00:00:00Z")),
                MetricsQuery.lastSlot(new Resolution(Window.HOUR, Instant.parse("2026-12-01T10:00:00Z"),
                        Instant.parse("2026-12-02T11:00:00Z")), NOW, HORIZON));
        // The last 16 minutes at 1m: the 5m bucket of 10:15, not the hour of 10:00 (it starts before the range).
        assertEquals(new Resolution(Window.FIVE_MINUTES, Instant.parse("2026-12-02T10:15:00Z"), Instant.parse("2026-12-02T10:20:00Z")),
                MetricsQuery.lastSlot(new Resolution(Window.MINUTE, Instant.parse("2026-12-02T10:02:00Z"),
                        Instant.parse("2026-12-02T10:18:00Z")), NOW, HORIZON));
        // 30 days to the end of today at 24h: the week since Monday, not today's day (finer).
        assertEquals(new Resolution(Window.WEEK, Instant.parse("2026-11-30T00:00:00Z"), Instant.parse("2026-12-07T00:00:00Z")),
                MetricsQuery.lastSlot(new Resolution(Window.DAY, Instant.parse("2026-11-03T00:00:00Z"),
                        Instant.parse("2026-12-03T00:00:00Z")), NOW, HORIZON));
    }

    @Test
    void aRangeEndingBeforeNowOrOnABoundaryHasNoLastSlot() {
        assertEquals(null, MetricsQuery.lastSlot(new Resolution(Window.HOUR, Instant.parse("2026-11-18T10:00:00Z"),
                Instant.parse("2026-11-25T10:00:00Z")), NOW, HORIZON), "a week ago: records may lie after its end");
        assertEquals(null, MetricsQuery.lastSlot(new Resolution(Window.MINUTE, Instant.parse("2026-12-02T10:16:00Z"),
                Instant.parse("2026-12-02T10:18:00Z")), NOW, HORIZON), "two minutes: no coarser bucket starts inside them");
        assertEquals(null, MetricsQuery.lastSlot(new Resolution(Window.WEEK, Instant.parse("2026-11-02T00:00:00Z"),
                Instant.parse("2026-12-07T00:00:00Z")), NOW, HORIZON), "no coarser window than a week");
    }

    /**
     * The last 7 days up to now through {@link MetricsQuery#buckets}: the slot's bucket is kept when its
     * last record lies before the range's end, and the rest of the range read as pieces; a record after
     * the end (timed ahead, within the clock skew ingest allows) sends the whole range back to pieces.
     */
    @Test
    void theLastSlotIsKeptOnlyWithoutARecordAfterTheEnd() {
        Instant to = Window.HOUR.ceil(Instant.now());
        if (Window.DAY.floor(to).equals(to)) {
            to = to.plus(Duration.ofHours(1)); // a day boundary as the end: today's day bucket would not start inside
        }
        Resolution range = new Resolution(Window.HOUR, to.minus(Duration.ofDays(7)), to);
        Resolution slot = MetricsQuery.lastSlot(range, Instant.now(), w -> Instant.EPOCH);
        for (boolean ahead : new boolean[] {false, true}) {
            Instant lastRecord = ahead ? to.plusSeconds(60) : to.minusSeconds(60);
            List<Resolution> reads = new ArrayList<>();
            MetricsQuery query = new MetricsQuery();
            query.store = new RollupStore() {
                @Override
                public Map<BucketKey, Bucket> read(Window window, Instant from, Instant until, BucketFilter filter) {
                    reads.add(new Resolution(window, from, until));
                    if (window != slot.window() || !from.equals(slot.from())) {
                        return new HashMap<>();
                    }
                    Bucket bucket = new Bucket();
                    bucket.add(new RollupRecord(1, lastRecord, "p", "1", "m", "d", 10.0, 1, 1, 2, 0.1,
                            true, null, null, null, "u"));
                    return new HashMap<>(Map.of(new BucketKey(window, from, Breakdown.PROMPT, "p", BucketKey.ANY,
                            BucketKey.ANY, BucketKey.ANY), bucket));
                }
            };
            query.retention = new Retention() {
                @Override
                public Instant horizon(Window window, Instant now) {
                    return Instant.EPOCH;
                }
            };
            Map<BucketKey, Bucket> buckets = query.buckets(range, List.of("p"), Breakdown.PROMPT);
            List<Resolution> expected = new ArrayList<>(List.of(slot));
            expected.addAll(MetricsQuery.pieces(ahead ? range : new Resolution(Window.HOUR, range.from(), slot.from()), w -> Instant.EPOCH));
            assertEquals(expected, reads, ahead ? "a record after the end" : "all records before the end");
            assertEquals(ahead ? 0 : 1, buckets.size());
        }
    }
}
