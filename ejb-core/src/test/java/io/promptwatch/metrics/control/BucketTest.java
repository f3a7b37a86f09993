package io.promptwatch.metrics.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptwatch.metrics.entity.MetricValues;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BucketTest {

    private static final Instant T = Instant.parse("2026-11-25T10:00:00Z");

    private static RollupRecord record(long id, Double latency, boolean success, String error, Integer feedback, String user) {
        return new RollupRecord(id, T, "p", "1.0.0", "m", null, latency, 100, 50, 150, 0.002, success, error, feedback,
                0.8, user);
    }

    @Test
    void countsSumsAndAveragesAreExact() {
        Bucket b = new Bucket();
        b.add(record(1, 100.0, true, null, 5, "u1"));
        b.add(record(2, 300.0, false, "timeout", null, "u2"));
        b.add(new RollupRecord(3, T, "p", "1.0.0", "m", null, null, null, null, null, null, true, null, 3, null, "u1"));
        MetricValues v = b.values();
        assertEquals(3, v.executions());
        assertEquals(2, v.successes());
        assertEquals(1, v.failures());
        assertEquals(2.0 / 3, v.successRate(), 1e-15);
        assertEquals(200.0, v.latencyAvgMs(), 1e-12);
        assertEquals(300.0, v.latencyMaxMs());
        assertEquals(100.0, v.inputTokensAvg(), 1e-12);
        assertEquals(200, v.inputTokensSum());
        assertEquals(0.004, v.costSum(), 1e-15);
        assertEquals(4.0, v.feedbackAvg(), 1e-12);
        assertEquals(2, v.feedbackCount());
        assertEquals(0.8, v.qualityAvg(), 1e-12);
        assertEquals(2, v.qualityCount());
        assertEquals(2, v.uniqueUsers());
        assertEquals(List.of(new MetricValues.ErrorCount("timeout", 1)), v.topErrors());
    }

    @Test
    void emptyBucketHasNoAverages() {
        MetricValues v = new Bucket().values();
        assertEquals(0, v.executions());
        assertNull(v.successRate());
        assertNull(v.latencyP95Ms());
        assertNull(v.feedbackAvg());
    }

    @Test
    void lateFeedbackMovesTheAverage() {
        Bucket b = new Bucket();
        b.add(record(1, 10.0, true, null, null, null));
        b.add(record(2, 10.0, true, null, 2, null));
        b.changeFeedback(null, 4);
        b.changeFeedback(2, 5);
        MetricValues v = b.values();
        assertEquals(2, v.feedbackCount());
        assertEquals(4.5, v.feedbackAvg(), 1e-12);
    }

    @Test
    void mergedBucketsEqualOneBucketOfAllRecordsAfterAStoreRoundTrip() {
        Random random = new Random(7);
        Bucket all = new Bucket();
        Bucket left = new Bucket();
        Bucket right = new Bucket();
        for (int i = 0; i < 5000; i++) {
            RollupRecord r = record(i, Math.exp(random.nextGaussian()) * 100, random.nextDouble() > 0.1,
                    "e" + random.nextInt(3), random.nextInt(6) == 0 ? null : 1 + random.nextInt(5), "u" + random.nextInt(300));
            all.add(r);
            (i % 2 == 0 ? left : right).add(r);
        }
        Bucket merged = stored(left);
        merged.merge(stored(right));
        MetricValues a = all.values();
        MetricValues m = merged.values();
        assertEquals(a.executions(), m.executions());
        assertEquals(a.successes(), m.successes());
        assertEquals(a.latencyAvgMs(), m.latencyAvgMs(), 1e-9);
        assertEquals(a.latencyMaxMs(), m.latencyMaxMs());
        assertEquals(a.feedbackAvg(), m.feedbackAvg(), 1e-12);
        assertEquals(a.errorsByType(), m.errorsByType());
        assertEquals(300, m.uniqueUsers(), 300 * 0.049);
    }

    @Test
    void storedUniqueUsersSurviveFeedbackRewritesAndLaterRecords() {
        Bucket first = new Bucket();
        for (int i = 0; i < 2000; i++) {
            first.add(record(i, 10.0, true, null, null, "u" + i));
        }
        Bucket read = stored(first);
        assertEquals(2000, read.uniqueUsers(), 2000 * 0.049);
        read.changeFeedback(null, 4);
        assertArrayEquals(first.userBytes(), read.userBytes(), "a feedback change rewrites the stored sketch as it was");
        Bucket later = new Bucket();
        for (int i = 1000; i < 3000; i++) {
            later.add(record(i, 10.0, true, null, null, "u" + i));
        }
        read.merge(later);
        Bucket again = stored(read);
        assertEquals(3000, again.uniqueUsers(), 3000 * 0.049);
        Bucket range = stored(first);
        range.merge(stored(later));
        range.merge(stored(later));
        assertEquals(3000, range.uniqueUsers(), 3000 * 0.049, "merging stored buckets counts a user once");
    }

    /** The bucket as read back from its stored columns. */
    private static Bucket stored(Bucket b) {
        Bucket read = new Bucket();
        read.merge(b);
        read.readErrors(b.errorsText());
        read.readSketches(b.latencyBytes(), b.userBytes());
        return read;
    }

    @Test
    void percentilesStayWithinKllRankErrorAndUniqueUsersWithinHllBound() {
        Random random = new Random(42);
        Bucket b = new Bucket();
        double[] latencies = new double[100_000];
        for (int i = 0; i < latencies.length; i++) {
            latencies[i] = Math.exp(5 + random.nextGaussian());
            b.add(record(i, latencies[i], true, null, null, "user-" + random.nextInt(20_000)));
        }
        Arrays.sort(latencies);
        MetricValues v = b.values();
        // KLL k=200: normalised rank error 1.33 % (99 % confidence), DataSketches' published bound.
        for (double[] q : new double[][] {{0.50, v.latencyP50Ms()}, {0.95, v.latencyP95Ms()}, {0.99, v.latencyP99Ms()}}) {
            double rank = (double) Math.abs(Arrays.binarySearch(latencies, q[1])) / latencies.length;
            assertEquals(q[0], rank, 0.0133, "rank of the estimated p" + (int) (q[0] * 100));
        }
        long exact = exactDistinct(42);
        // HLL lg k = 12: relative standard error 1.04 / sqrt(4096) = 1.6 %; three of them: 4.9 %.
        assertEquals(exact, v.uniqueUsers(), exact * 0.049);
    }

    private static long exactDistinct(long seed) {
        Random random = new Random(seed);
        Set<Integer> users = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            random.nextGaussian();
            users.add(random.nextInt(20_000));
        }
        return users.size();
    }

    @Test
    void storedErrorTypesAreCappedWithTheRarestFoldedIntoOther() {
        Bucket b = new Bucket();
        for (int type = 0; type < Bucket.MAX_ERROR_TYPES + 5; type++) {
            for (int n = 0; n <= type; n++) {
                b.add(record(n, 1.0, false, String.format("err%02d", type), null, null));
            }
        }
        Bucket read = new Bucket();
        read.readErrors(b.errorsText());
        Map<String, Long> errors = read.errorsByType();
        assertEquals(Bucket.MAX_ERROR_TYPES, errors.size());
        assertEquals(b.executions(), errors.values().stream().mapToLong(Long::longValue).sum());
        assertEquals(30L, errors.get("err29"));
        assertEquals(1L + 2 + 3 + 4 + 5 + 6, errors.get(Bucket.OTHER_ERRORS));
    }

    private static RollupRecord at(long id, String time) {
        return new RollupRecord(id, Instant.parse(time), "p", "1.0.0", "m", null, 100.0, 1, 1, 2, 0.001, true, null, null,
                null, "u" + id);
    }

    @Test
    void aBucketKnowsTheTimeOfItsLastRecord() {
        Bucket morning = new Bucket();
        morning.add(at(1, "2026-11-25T09:30:00Z"));
        morning.add(at(2, "2026-11-25T08:15:00Z"));
        morning.add(at(3, "2026-11-25T09:00:00Z"));
        assertEquals(Instant.parse("2026-11-25T09:30:00Z"), morning.lastAt);
        Bucket evening = new Bucket();
        evening.add(at(4, "2026-11-25T20:00:00Z"));
        Bucket day = new Bucket();
        day.merge(evening);
        day.merge(new Bucket());
        day.merge(morning);
        assertEquals(Instant.parse("2026-11-25T20:00:00Z"), day.lastAt);
        assertTrue(day.recordsBefore(Instant.parse("2026-11-25T20:00:00.001Z")));
        assertFalse(day.recordsBefore(Instant.parse("2026-11-25T20:00:00Z")));
        assertTrue(new Bucket().recordsBefore(Instant.EPOCH));
    }

    /** A bucket stored before its last time was kept: neither it nor what it is merged into, nor later records, know it. */
    @Test
    void timesUnknownOnceStayUnknown() {
        Bucket old = new Bucket();
        old.add(at(1, "2026-11-25T09:30:00Z"));
        old.lastAt = null;
        assertFalse(old.timeBounded());
        old.add(at(2, "2026-11-25T09:40:00Z"));
        assertFalse(old.timeBounded());
        Bucket known = new Bucket();
        known.add(at(3, "2026-11-25T09:50:00Z"));
        known.merge(old);
        assertFalse(known.timeBounded());
        assertNull(known.lastAt);
        assertFalse(known.recordsBefore(Instant.MAX));
        assertTrue(new Bucket().timeBounded());
    }
}
