package io.promptwatch.alerting.entity;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether the alert evaluator keeps its beat, for readiness and the health overview. The lag counts
 * from the last sign of life: the last finished evaluation, the last tick that found another server
 * holding the lease (that server evaluates), or, before either, the application's start. Counting
 * from the start matters because the timer's first run comes one interval after it (an hour on the
 * integration-test server): a fresh server has not run yet and is not late.
 *
 * @param lastFinishedAt when this server last finished an evaluation, {@code null} before the first
 * @param since          the instant the lag counts from
 * @param lag            now − since (never negative)
 * @param stale          enabled and {@code lag ≥ interval × staleIntervals}
 */
public record EvaluatorPulse(boolean enabled, Instant lastFinishedAt, Instant since, Duration interval, int staleIntervals,
                             Duration lag, boolean stale) {

    /**
     * @param startedAt      when the evaluator started (the application's start)
     * @param lastFinishedAt the last finished evaluation on this server, or {@code null}
     * @param lastDeferredAt the last tick that left the evaluation to the lease holder, or {@code null}
     */
    public static EvaluatorPulse of(boolean enabled, Instant startedAt, Instant lastFinishedAt, Instant lastDeferredAt,
                                    Duration interval, int staleIntervals, Instant now) {
        if (interval == null || interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("the evaluator's interval must be positive; got " + interval);
        }
        if (staleIntervals < 1) {
            throw new IllegalArgumentException("stale-intervals must be at least 1; got " + staleIntervals);
        }
        Instant since = latest(latest(startedAt, lastFinishedAt), lastDeferredAt);
        Duration lag = since == null || now.isBefore(since) ? Duration.ZERO : Duration.between(since, now);
        boolean stale = enabled && lag.compareTo(interval.multipliedBy(staleIntervals)) >= 0;
        return new EvaluatorPulse(enabled, lastFinishedAt, since, interval, staleIntervals, lag, stale);
    }

    private static Instant latest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
