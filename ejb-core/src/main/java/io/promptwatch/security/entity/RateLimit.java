package io.promptwatch.security.entity;

import java.io.Serializable;
import java.util.Comparator;

/**
 * A token bucket's size: {@code burst} requests at once, refilled at {@code perSecond} requests
 * per second. The upper bound keeps the bucket's arithmetic (tokens times nanoseconds) far from
 * overflow.
 */
public record RateLimit(long perSecond, long burst) implements Serializable {

    public static final long MAX = 1_000_000;

    /** The more generous of two limits: the higher rate, then the larger burst. */
    public static final Comparator<RateLimit> GENEROSITY =
            Comparator.comparingLong(RateLimit::perSecond).thenComparingLong(RateLimit::burst);

    public RateLimit {
        if (!inRange(perSecond) || !inRange(burst)) {
            throw new IllegalArgumentException("a rate limit needs perSecond and burst between 1 and " + MAX
                    + "; got " + perSecond + " and " + burst);
        }
    }

    public static boolean inRange(long value) {
        return value >= 1 && value <= MAX;
    }
}
