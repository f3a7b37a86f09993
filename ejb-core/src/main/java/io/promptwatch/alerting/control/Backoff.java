package io.promptwatch.alerting.control;

import java.time.Duration;
import java.util.Objects;

/**
 * How long to wait before each attempt to deliver a notice: none before the first, then
 * {@code base}, {@code base × factor}, {@code base × factor²}, … never more than {@code cap}.
 * With {@code new Backoff(4, 1 s, 5, 60 s)} the attempts start at 0, 1, 6 and 31 seconds (waits of
 * 0, 1, 5, 25 s): a receiver that hiccups is reached within seconds, one that is down for a deploy
 * gets half a minute, and a dead one costs four requests, not a storm. Growing waits also keep many
 * alerts that fire together from hammering a struggling receiver in lock step.
 *
 * <p>A pure function of the attempt number, so the schedule is the same on every server and in tests.
 *
 * @param attempts how many attempts in all, the first included (at least 1)
 * @param base     the wait before the second attempt (positive)
 * @param factor   how much each wait grows over the previous one (at least 1)
 * @param cap      the longest wait (at least {@code base})
 */
public record Backoff(int attempts, Duration base, double factor, Duration cap) {

    public Backoff {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(cap, "cap");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1: " + attempts);
        }
        if (base.isNegative() || base.isZero()) {
            throw new IllegalArgumentException("base must be positive: " + base);
        }
        if (!(factor >= 1) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("factor must be a finite number >= 1: " + factor);
        }
        if (cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("cap " + cap + " is below base " + base);
        }
    }

    /**
     * The wait before attempt {@code attempt} (1 = the first, which does not wait), counted from the
     * end of the previous attempt.
     *
     * @throws IllegalArgumentException for an attempt outside 1..{@link #attempts()}
     */
    public Duration delayBefore(int attempt) {
        if (attempt < 1 || attempt > attempts) {
            throw new IllegalArgumentException("attempt " + attempt + " is outside 1.." + attempts);
        }
        if (attempt == 1) {
            return Duration.ZERO;
        }
        double millis = base.toMillis() * Math.pow(factor, attempt - 2);
        return millis >= cap.toMillis() ? cap : Duration.ofMillis(Math.round(millis));
    }

    /** Whether another attempt follows {@code attempt}. */
    public boolean hasAttemptAfter(int attempt) {
        return attempt < attempts;
    }
}
