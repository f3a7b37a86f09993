package io.promptwatch.security.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.bucket4j.TimeMeter;
import io.promptwatch.security.entity.RateLimit;
import io.promptwatch.security.entity.RequestClass;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A bucket lets a burst through, then one request per 1/rate seconds, per key and request class. */
class KeyBucketsTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock implements TimeMeter {
        long nanos;

        @Override
        public long currentTimeNanos() {
            return nanos;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }

    @Test
    void aBurstGoesThroughThenTheRateHolds() {
        ManualClock clock = new ManualClock();
        KeyBuckets buckets = new KeyBuckets(clock);
        RateLimit limit = new RateLimit(2, 3);
        for (int i = 0; i < 3; i++) {
            assertEquals(Duration.ZERO, buckets.take("k", RequestClass.INGEST, limit));
        }
        // Empty: the next token comes 1/2 s later (greedy refill).
        assertEquals(Duration.ofMillis(500), buckets.take("k", RequestClass.INGEST, limit));
        clock.nanos += Duration.ofMillis(500).toNanos();
        assertEquals(Duration.ZERO, buckets.take("k", RequestClass.INGEST, limit));
        assertEquals(Duration.ofMillis(500), buckets.take("k", RequestClass.INGEST, limit));
    }

    @Test
    void keysAndRequestClassesHaveTheirOwnBuckets() {
        KeyBuckets buckets = new KeyBuckets(new ManualClock());
        RateLimit limit = new RateLimit(1, 1);
        assertEquals(Duration.ZERO, buckets.take("a", RequestClass.INGEST, limit));
        assertEquals(Duration.ofSeconds(1), buckets.take("a", RequestClass.INGEST, limit));
        assertEquals(Duration.ZERO, buckets.take("a", RequestClass.ANALYSIS, limit));
        assertEquals(Duration.ZERO, buckets.take("b", RequestClass.INGEST, limit));
    }

    @Test
    void aChangedLimitStartsAFullBucket() {
        KeyBuckets buckets = new KeyBuckets(new ManualClock());
        assertEquals(Duration.ZERO, buckets.take("a", RequestClass.INGEST, new RateLimit(1, 1)));
        assertEquals(Duration.ZERO, buckets.take("a", RequestClass.INGEST, new RateLimit(1, 2)));
    }
}
