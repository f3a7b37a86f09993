package io.promptwatch.statistics.control;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The records a success model is fitted on and the ones it is judged on (SPEC §5: held-out accuracy): a
 * split of the row indices 0..n−1 into training and test indices, disjoint, together all of them, each
 * ascending. The arrays are copied in and out.
 */
public record HoldOutSplit(int[] train, int[] test) {

    public HoldOutSplit {
        train = train.clone();
        test = test.clone();
    }

    @Override
    public int[] train() {
        return train.clone();
    }

    @Override
    public int[] test() {
        return test.clone();
    }

    /**
     * A reproducible random hold-out split of n records: a {@link SplittableRandom} seeded with seed drives a
     * Fisher–Yates shuffle of 0..n−1 (for i from n−1 down to 1, swap i with {@code nextInt(i + 1)}); the first
     * round(n · testShare) shuffled indices, at least 1 and at most n − 1, are the test set and the rest the
     * training set, each sorted ascending. The same n, share and seed give the same split on every run
     * (SplittableRandom's sequence for a seed is fixed by its algorithm, not by the platform).
     *
     * @throws IllegalArgumentException if n &lt; 2 or testShare is not in (0, 1)
     */
    public static HoldOutSplit of(int n, double testShare, long seed) {
        if (n < 2) {
            throw new IllegalArgumentException("a split needs at least 2 records, has " + n);
        }
        if (!(testShare > 0 && testShare < 1)) {
            throw new IllegalArgumentException("testShare must be in (0, 1), was " + testShare);
        }
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        var random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        int testSize = (int) Math.max(1, Math.min(n - 1, Math.round(n * testShare)));
        int[] test = Arrays.copyOfRange(order, 0, testSize);
        int[] train = Arrays.copyOfRange(order, testSize, n);
        Arrays.sort(test);
        Arrays.sort(train);
        return new HoldOutSplit(train, test);
    }
}
