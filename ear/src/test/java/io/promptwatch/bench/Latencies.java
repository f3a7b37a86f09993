package io.promptwatch.bench;

import java.util.Arrays;

/** Latencies in milliseconds, sorted, with nearest-rank percentiles. */
record Latencies(double[] sortedMs) {

    static Latencies of(double[] ms) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        return new Latencies(sorted);
    }

    double percentile(double p) {
        int index = (int) Math.ceil(p / 100 * sortedMs.length) - 1;
        return sortedMs[Math.max(0, Math.min(sortedMs.length - 1, index))];
    }

    double max() {
        return sortedMs[sortedMs.length - 1];
    }
}
