package io.promptwatch.security.control;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.promptwatch.security.entity.RateLimit;
import io.promptwatch.security.entity.RequestClass;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One token bucket per key, request class and limit, in this server's memory (Bucket4j's lock-free
 * local buckets): behind a load balancer each server limits on its own. A bucket starts full, so a
 * key may send {@code burst} requests at once before the rate holds it.
 */
public class KeyBuckets {

    private record BucketKey(String keyId, RequestClass requestClass, RateLimit limit) {
    }

    private final Map<BucketKey, Bucket> buckets = new ConcurrentHashMap<>();
    private final TimeMeter clock;

    public KeyBuckets() {
        this(TimeMeter.SYSTEM_NANOTIME);
    }

    KeyBuckets(TimeMeter clock) {
        this.clock = clock;
    }

    /**
     * Takes a token from the key's bucket: {@link Duration#ZERO} when there was one, else how long
     * until there will be. The limit is part of the bucket's identity, so a key whose limit changes
     * starts a fresh bucket.
     */
    public Duration take(String keyId, RequestClass requestClass, RateLimit limit) {
        Bucket bucket = buckets.computeIfAbsent(new BucketKey(keyId, requestClass, limit), k -> Bucket.builder()
                .addLimit(bandwidth -> bandwidth.capacity(limit.burst()).refillGreedy(limit.perSecond(), Duration.ofSeconds(1)))
                .withCustomTimePrecision(clock)
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(Math.max(1, probe.getNanosToWaitForRefill()));
    }
}
