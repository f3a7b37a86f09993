package io.promptwatch.bench;

import java.util.Arrays;

/** Latencies in milliseconds, sorted, with nearest-rank percentiles. */
public record Latencies(double[] sortedMs) {

    public static Latencies of(double[] ms) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        return new Latencies(sorted);
    }

    public double percentile(double p) {
        int index = (int) Math.ceil(p / 100 * sortedMs.length) - 1;
        return sortedMs[Math.max(0, Math.min(sortedMs.length - 1, index))];
    }

    public double max() {
        return sortedMs[sortedMs.length - 1];
    }
}
