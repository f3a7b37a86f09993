package io.promptwatch.metrics.control;

import io.promptwatch.metrics.entity.MetricValues;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;

/**
 * The aggregate of a set of execution records: exact counts and sums, plus mergeable sketches
 * for what cannot be summed. Latency percentiles come from a KLL sketch (k = {@value #KLL_K}:
 * normalised rank error 1.33 % with 99 % confidence, whatever the count); unique users from an
 * HLL sketch (lg k = {@value #HLL_LG_K}: relative standard error 1.6 %, so within 4.9 % at
 * three standard errors; exact while a bucket holds few users). Buckets of any window and of
 * any range merge into one, which is how larger windows and arbitrary ranges are answered.
 */
public final class Bucket {

    static final int KLL_K = 200;
    static final int HLL_LG_K = 12;
    /** Distinct error types kept per bucket; the rarest beyond it are counted as {@value #OTHER_ERRORS}. */
    static final int MAX_ERROR_TYPES = 25;
    static final String OTHER_ERRORS = "(other)";

    long executions;
    long successes;
    long latencyCount;
    double latencySum;
    Double latencyMax;
    long inputTokensCount;
    long inputTokensSum;
    long outputTokensCount;
    long outputTokensSum;
    long totalTokensCount;
    long totalTokensSum;
    long costCount;
    double costSum;
    long feedbackCount;
    long feedbackSum;
    long qualityCount;
    double qualitySum;
    final Map<String, Long> errors = new HashMap<>();
    /**
     * The latest time of the records counted; null when none is, or when it is not known (a bucket
     * written before it was stored, and whatever it is merged into).
     */
    Instant lastAt;
    private KllDoublesSketch latency;
    /** Unique users as stored, kept as read until something is merged in (then {@link #users}). */
    private byte[] storedUserBytes;
    private Union users;

    public void add(RollupRecord r) {
        if (executions == 0 || lastAt != null && lastAt.isBefore(r.timestamp())) {
            lastAt = r.timestamp();
        }
        executions++;
        if (r.success()) {
            successes++;
        } else {
            errors.merge(r.errorType() == null ? "(unspecified)" : r.errorType(), 1L, Long::sum);
        }
        if (r.latencyMs() != null) {
            latencyCount++;
            latencySum += r.latencyMs();
            latencyMax = latencyMax == null ? r.latencyMs() : Math.max(latencyMax, r.latencyMs());
            latencySketch().update(r.latencyMs());
        }
        if (r.inputTokens() != null) {
            inputTokensCount++;
            inputTokensSum += r.inputTokens();
        }
        if (r.outputTokens() != null) {
            outputTokensCount++;
            outputTokensSum += r.outputTokens();
        }
        if (r.totalTokens() != null) {
            totalTokensCount++;
            totalTokensSum += r.totalTokens();
        }
        if (r.cost() != null) {
            costCount++;
            costSum += r.cost();
        }
        changeFeedback(null, r.userFeedback());
        if (r.qualityScore() != null) {
            qualityCount++;
            qualitySum += r.qualityScore();
        }
        if (r.userId() != null) {
            userSketch().update(r.userId());
        }
    }

    /** A record's feedback went from {@code before} to {@code after} (either may be absent). */
    public void changeFeedback(Integer before, Integer after) {
        if (before != null) {
            feedbackCount--;
            feedbackSum -= before;
        }
        if (after != null) {
            feedbackCount++;
            feedbackSum += after;
        }
    }

    public void merge(Bucket other) {
        if (!other.timeBounded() || !timeBounded()) {
            lastAt = null;
        } else if (executions == 0 || other.executions > 0 && lastAt.isBefore(other.lastAt)) {
            lastAt = other.lastAt;
        }
        executions += other.executions;
        successes += other.successes;
        latencyCount += other.latencyCount;
        latencySum += other.latencySum;
        if (other.latencyMax != null) {
            latencyMax = latencyMax == null ? other.latencyMax : Math.max(latencyMax, other.latencyMax);
        }
        inputTokensCount += other.inputTokensCount;
        inputTokensSum += other.inputTokensSum;
        outputTokensCount += other.outputTokensCount;
        outputTokensSum += other.outputTokensSum;
        totalTokensCount += other.totalTokensCount;
        totalTokensSum += other.totalTokensSum;
        costCount += other.costCount;
        costSum += other.costSum;
        feedbackCount += other.feedbackCount;
        feedbackSum += other.feedbackSum;
        qualityCount += other.qualityCount;
        qualitySum += other.qualitySum;
        other.errors.forEach((type, count) -> errors.merge(type, count, Long::sum));
        if (other.latency != null) {
            latencySketch().merge(other.latency);
        }
        if (other.users != null) {
            userSketch().update(other.users.getResult(TgtHllType.HLL_8));
        } else if (other.storedUserBytes != null) {
            userSketch().update(other.storedUsersToMerge());
        }
    }

    public long executions() {
        return executions;
    }

    /** Whether the latest time of the records counted is known ({@link #lastAt}); so it is of none. */
    boolean timeBounded() {
        return executions == 0 || lastAt != null;
    }

    /** Whether every record counted is known to lie before the instant (so when there is none). */
    public boolean recordsBefore(Instant t) {
        return executions == 0 || lastAt != null && lastAt.isBefore(t);
    }

    /** The latency at the normalised rank, or null without latencies. */
    public Double latencyQuantile(double rank) {
        return latency == null || latency.isEmpty() ? null : latency.getQuantile(rank);
    }

    public long uniqueUsers() {
        if (users != null) {
            return Math.round(users.getEstimate());
        }
        return storedUserBytes == null ? 0 : Math.round(storedUsers().getEstimate());
    }

    /** Errors by type, most frequent first (ties by name). */
    public Map<String, Long> errorsByType() {
        Map<String, Long> sorted = new LinkedHashMap<>();
        errors.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    byte[] latencyBytes() {
        return latency == null || latency.isEmpty() ? null : latency.toByteArray();
    }

    byte[] userBytes() {
        if (users == null) {
            return storedUserBytes;
        }
        return users.isEmpty() ? null : users.getResult(TgtHllType.HLL_4).toCompactByteArray();
    }

    void readSketches(byte[] latencyBytes, byte[] userBytes) {
        latency = latencyBytes == null ? null : KllDoublesSketch.heapify(Memory.wrap(latencyBytes));
        users = null;
        storedUserBytes = userBytes;
    }

    /** Error counts as stored: "type TAB count" lines, the most frequent {@value #MAX_ERROR_TYPES} kept by name. */
    String errorsText() {
        if (errors.isEmpty()) {
            return null;
        }
        List<Map.Entry<String, Long>> ranked = errorsByType().entrySet().stream().toList();
        Map<String, Long> kept = new LinkedHashMap<>();
        for (int i = 0; i < ranked.size(); i++) {
            String type = ranked.size() <= MAX_ERROR_TYPES || i < MAX_ERROR_TYPES - 1 ? ranked.get(i).getKey() : OTHER_ERRORS;
            kept.merge(type, ranked.get(i).getValue(), Long::sum);
        }
        StringBuilder text = new StringBuilder();
        kept.forEach((type, count) -> text.append(type.replace('\t', ' ').replace('\n', ' ')).append('\t').append(count).append('\n'));
        return text.toString();
    }

    void readErrors(String text) {
        errors.clear();
        if (text != null) {
            text.lines().filter(l -> !l.isEmpty()).forEach(line -> {
                int tab = line.lastIndexOf('\t');
                errors.merge(line.substring(0, tab), Long.parseLong(line.substring(tab + 1)), Long::sum);
            });
        }
    }

    private KllDoublesSketch latencySketch() {
        if (latency == null) {
            latency = KllDoublesSketch.newHeapInstance(KLL_K);
        }
        return latency;
    }

    /** The stored sketch read in place (no copy into a union), for its estimate. */
    private HllSketch storedUsers() {
        return HllSketch.wrap(Memory.wrap(storedUserBytes));
    }

    /**
     * The stored sketch copied to the heap, to be merged: a union takes it in 40 % less time than
     * the sketch read in place (750 HLL_4 sketches of lg k 12 into five unions: 6.4 against 10.7 ms).
     */
    private HllSketch storedUsersToMerge() {
        return HllSketch.heapify(storedUserBytes);
    }

    private Union userSketch() {
        if (users == null) {
            users = new Union(HLL_LG_K);
            if (storedUserBytes != null) {
                users.update(storedUsersToMerge());
                storedUserBytes = null;
            }
        }
        return users;
    }

    /** Every metric of this bucket's records, as the API answers them. */
    public MetricValues values() {
        Bucket b = this;
        Map<String, Long> errors = b.errorsByType();
        List<MetricValues.ErrorCount> top = errors.entrySet().stream().limit(MetricValues.TOP_ERRORS)
                .map(e -> new MetricValues.ErrorCount(e.getKey(), e.getValue())).toList();
        return new MetricValues(b.executions, b.uniqueUsers(), b.successes, b.executions - b.successes,
                ratio(b.successes, b.executions), ratio(b.executions - b.successes, b.executions),
                average(b.latencySum, b.latencyCount), b.latencyQuantile(0.50), b.latencyQuantile(0.95),
                b.latencyQuantile(0.99), b.latencyMax, average(b.inputTokensSum, b.inputTokensCount), b.inputTokensSum,
                average(b.outputTokensSum, b.outputTokensCount), b.outputTokensSum,
                average(b.totalTokensSum, b.totalTokensCount), b.totalTokensSum, b.costSum, average(b.costSum, b.costCount),
                average(b.feedbackSum, b.feedbackCount), b.feedbackCount, average(b.qualitySum, b.qualityCount),
                b.qualityCount, errors, top);
    }

    private static Double ratio(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    private static Double average(double sum, long count) {
        return count == 0 ? null : sum / count;
    }
}
