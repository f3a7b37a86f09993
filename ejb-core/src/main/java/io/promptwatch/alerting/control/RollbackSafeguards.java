package io.promptwatch.alerting.control;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The limits on automatic rollbacks of one prompt (SPEC §4 "Rollback Protocol"): a minimum gap
 * between two of them and a maximum per day. A prompt that keeps tripping its rules after being
 * rolled back is not fixed by another rollback; past these limits a person must look, and the
 * evaluator raises a "manual intervention required" alert instead.
 *
 * <p>"Per day" is the rolling 24 hours before now, not the UTC calendar day: a calendar day would let
 * three rollbacks at 23:15–23:45 be followed by three more at 00:00–00:30, six within 75 minutes, and
 * midnight UTC means nothing to an operator in another time zone. With the rolling day no 24-hour span
 * ever holds more than the maximum.
 *
 * <p>A previous rollback recorded after {@code now} (another server's clock ahead) counts as one that
 * just happened: the safeguards err on the side of not rolling back.
 */
public final class RollbackSafeguards {

    public static final String MIN_GAP_PROPERTY = "promptwatch.alerting.rollback.min-gap";
    public static final String MAX_PER_DAY_PROPERTY = "promptwatch.alerting.rollback.max-per-day";
    public static final Duration DEFAULT_MIN_GAP = Duration.ofMinutes(15);
    public static final int DEFAULT_MAX_PER_DAY = 3;
    /** The span of "per day". */
    static final Duration DAY = Duration.ofHours(24);

    private final Duration minGap;
    private final int maxPerDay;

    /**
     * @param minGap    the least time between two automatic rollbacks of one prompt; zero disables the check
     * @param maxPerDay the most automatic rollbacks of one prompt in any 24 hours; zero forbids them all
     */
    public RollbackSafeguards(Duration minGap, int maxPerDay) {
        Objects.requireNonNull(minGap, "minGap");
        if (minGap.isNegative()) {
            throw new IllegalArgumentException(MIN_GAP_PROPERTY + " must not be negative; got " + minGap);
        }
        if (maxPerDay < 0) {
            throw new IllegalArgumentException(MAX_PER_DAY_PROPERTY + " must not be negative; got " + maxPerDay);
        }
        this.minGap = minGap;
        this.maxPerDay = maxPerDay;
    }

    /** The defaults: 15 minutes apart, at most 3 in 24 hours. */
    public RollbackSafeguards() {
        this(DEFAULT_MIN_GAP, DEFAULT_MAX_PER_DAY);
    }

    public Duration minGap() {
        return minGap;
    }

    public int maxPerDay() {
        return maxPerDay;
    }

    /**
     * Whether one more automatic rollback of the prompt may happen at {@code now}. The gap is met when at
     * least {@code minGap} has passed since the latest previous rollback (exactly 15 minutes is enough);
     * the day counts the previous rollbacks after {@code now − 24 h} (one exactly 24 hours old has dropped
     * out). When both refuse, the reason gives both.
     *
     * @param previous the instants of the prompt's previous automatic rollbacks, in any order
     */
    public RollbackDecision check(Collection<Instant> previous, Instant now) {
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(now, "now");
        Instant dayStart = now.minus(DAY);
        Instant latest = null;
        List<Instant> inDay = new ArrayList<>();
        for (Instant at : previous) {
            Objects.requireNonNull(at, "a previous rollback's instant");
            Instant counted = at.isAfter(now) ? now : at;
            if (latest == null || counted.isAfter(latest)) {
                latest = counted;
            }
            if (counted.isAfter(dayStart)) {
                inDay.add(counted);
            }
        }
        inDay.sort(null);

        List<String> refusals = new ArrayList<>();
        Instant notBefore = null;
        if (latest != null) {
            Duration since = Duration.between(latest, now);
            if (since.compareTo(minGap) < 0) {
                refusals.add("the last automatic rollback of this prompt was " + words(since) + " ago; at least "
                        + words(minGap) + " must pass (" + MIN_GAP_PROPERTY + ")");
                notBefore = latest.plus(minGap);
            }
        }
        if (inDay.size() >= maxPerDay) {
            refusals.add(count(inDay.size()) + " in the last 24 h; at most " + maxPerDay + " (" + MAX_PER_DAY_PROPERTY + ")");
            if (maxPerDay == 0) {
                notBefore = null; // never
            } else {
                // one more fits once all but maxPerDay − 1 of them have dropped out of the rolling day
                Instant dayAllows = inDay.get(inDay.size() - maxPerDay).plus(DAY);
                notBefore = notBefore == null || dayAllows.isAfter(notBefore) ? dayAllows : notBefore;
            }
        }
        if (!refusals.isEmpty()) {
            return new RollbackDecision(false, String.join("; ", refusals), notBefore);
        }
        String reason = latest == null
                ? "no previous automatic rollback of this prompt"
                : count(inDay.size()) + " in the last 24 h (at most " + maxPerDay + "), the last "
                        + words(Duration.between(latest, now)) + " ago (at least " + words(minGap) + ")";
        return new RollbackDecision(true, reason, null);
    }

    private static String count(int n) {
        return n + (n == 1 ? " automatic rollback" : " automatic rollbacks") + " of this prompt";
    }

    /** "7 min", "1 h 5 min", "14 min 59 s", "0 s": whole seconds, zero parts left out. */
    static String words(Duration d) {
        long seconds = d.getSeconds();
        long h = seconds / 3600;
        long min = seconds % 3600 / 60;
        long s = seconds % 60;
        StringBuilder text = new StringBuilder();
        if (h > 0) {
            text.append(h).append(" h");
        }
        if (min > 0) {
            text.append(text.isEmpty() ? "" : " ").append(min).append(" min");
        }
        if (s > 0 || text.isEmpty()) {
            text.append(text.isEmpty() ? "" : " ").append(s).append(" s");
        }
        return text.toString();
    }
}
