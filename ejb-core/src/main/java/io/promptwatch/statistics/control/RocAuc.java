package io.promptwatch.statistics.control;

/**
 * How well scores rank successes above failures (SPEC §5: how well the success model predicts on the
 * held-out records): the area under the ROC curve, as R's {@code wilcox.test} statistic over n₁n₀; the
 * reference values are in the tests.
 */
public final class RocAuc {

    private RocAuc() {
    }

    /**
     * The area under the ROC curve: the probability that a random positive scores above a random negative,
     * ties counting one half; computed from average ranks (the Mann–Whitney U of the positives divided by
     * n₁n₀), as {@code wilcox.test(scores[pos], scores[neg])$statistic / (n1 * n0)} in R.
     *
     * @throws IllegalArgumentException if an argument is null, the lengths differ, a score is not finite, a label
     *                                  is not 0/1, or only one class is present
     */
    public static double of(double[] scores, int[] labels) {
        if (scores == null) {
            throw new IllegalArgumentException("scores must not be null");
        }
        for (int i = 0; i < scores.length; i++) {
            if (!Double.isFinite(scores[i])) {
                throw new IllegalArgumentException("scores[" + i + "] must be a finite number, was " + scores[i]);
            }
        }
        BinaryLabels.require(labels, scores.length, "labels");
        double[] ranks = Correlations.averageRanks(scores);
        double positives = 0;
        double rankSum = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == 1) {
                positives++;
                rankSum += ranks[i];
            }
        }
        double negatives = labels.length - positives;
        return (rankSum - positives * (positives + 1) / 2) / (positives * negatives);
    }
}
