package io.promptwatch.statistics.boundary;

import io.promptwatch.problem.ProblemException;
import io.promptwatch.statistics.control.Correlations;
import io.promptwatch.statistics.control.HoldOutSplit;
import io.promptwatch.statistics.control.LogisticModel;
import io.promptwatch.statistics.control.LogisticRegression;
import io.promptwatch.statistics.control.PearsonResult;
import io.promptwatch.statistics.control.RocAuc;
import io.promptwatch.statistics.control.SpearmanResult;
import io.promptwatch.tracking.boundary.FeatureRow;
import jakarta.ejb.Stateless;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What record features say about success and quality: Pearson and Spearman correlations, and a
 * logistic regression of success evaluated on a seeded hold-out split.
 */
@Stateless
public class FeatureAnalyses {

    static final String SPLIT_METHOD = "java.util.SplittableRandom(seed) drives a Fisher-Yates shuffle of the record indices; "
            + "the first round(n * testShare) form the test set, the rest the training set";

    /** One feature against one target; {@code note} says why a pair could not be computed. */
    public record Correlation(String feature, String target, int n, PearsonResult pearson, SpearmanResult spearman, String note) {
    }

    /**
     * A fitted success model. With {@code testShare} 0 it is fitted on every complete record, as R's
     * {@code glm} on the same data, and has no held-out figures (accuracy and AUC are null).
     */
    public record SuccessModel(List<String> features, LogisticModel model, int records, int droppedIncomplete, int trainSize,
                               int testSize, Double heldOutAccuracy, Double heldOutAuc, long seed, double testShare,
                               String splitMethod) {
    }

    static final String NO_SPLIT = "none: testShare 0 fits on every complete record, without held-out figures";

    public List<Correlation> correlations(List<FeatureRow> rows, List<String> features, List<String> targets, double confidence) {
        List<Correlation> result = new ArrayList<>();
        // Ranking 100,000 values costs more than the rest of a pair: a column is ranked once per set of rows.
        Map<RankedColumn, double[]> ranks = new HashMap<>();
        Map<String, double[]> columns = new HashMap<>();
        for (String target : known(targets, "targets")) {
            for (String feature : known(features, "features")) {
                if (feature.equals(target)) {
                    continue;
                }
                double[] f = columns.computeIfAbsent(feature, name -> rows.stream().mapToDouble(r -> r.get(name)).toArray());
                double[] t = columns.computeIfAbsent(target, name -> rows.stream().mapToDouble(r -> r.get(name)).toArray());
                BitSet complete = new BitSet(rows.size());
                for (int i = 0; i < rows.size(); i++) {
                    complete.set(i, !Double.isNaN(f[i]) && !Double.isNaN(t[i]));
                }
                double[] x = complete.stream().mapToDouble(i -> f[i]).toArray();
                double[] y = complete.stream().mapToDouble(i -> t[i]).toArray();
                try {
                    PearsonResult pearson = Correlations.pearson(x, y, confidence);
                    SpearmanResult spearman = Correlations.spearmanOfRanks(
                            ranks.computeIfAbsent(new RankedColumn(feature, complete), k -> Correlations.averageRanks(x)),
                            ranks.computeIfAbsent(new RankedColumn(target, complete), k -> Correlations.averageRanks(y)));
                    result.add(new Correlation(feature, target, x.length, pearson, spearman, null));
                } catch (IllegalArgumentException e) {
                    result.add(new Correlation(feature, target, x.length, null, null, e.getMessage()));
                }
            }
        }
        return result;
    }

    /** A column ranked on the rows that {@code rows} marks (the key of its ranks). */
    private record RankedColumn(String column, BitSet rows) {
    }

    public SuccessModel successModel(List<FeatureRow> rows, List<String> features, double testShare, long seed) {
        known(features, "features");
        if (features.contains("success")) {
            throw ProblemException.invalid("features", "success is what the model predicts, not a feature");
        }
        if (!(testShare >= 0 && testShare < 1)) {
            throw ProblemException.invalid("testShare", "testShare must lie from 0 (included) to 1 (excluded)");
        }
        List<FeatureRow> complete = rows.stream()
                .filter(r -> features.stream().noneMatch(f -> Double.isNaN(r.get(f))) && !Double.isNaN(r.success())).toList();
        double[][] x = complete.stream().map(r -> features.stream().mapToDouble(r::get).toArray()).toArray(double[][]::new);
        int[] y = complete.stream().mapToInt(r -> (int) r.success()).toArray();
        try {
            if (testShare == 0) {
                LogisticModel model = LogisticRegression.fit(features, x, y);
                return new SuccessModel(features, model, rows.size(), rows.size() - complete.size(), complete.size(), 0,
                        null, null, seed, testShare, NO_SPLIT);
            }
            HoldOutSplit split = HoldOutSplit.of(complete.size(), testShare, seed);
            LogisticModel model = LogisticRegression.fit(features, pick(x, split.train()), pick(y, split.train()));
            double[] predicted = LogisticRegression.predict(model, pick(x, split.test()));
            int[] actual = pick(y, split.test());
            int correct = 0;
            for (int i = 0; i < actual.length; i++) {
                correct += (predicted[i] >= 0.5 ? 1 : 0) == actual[i] ? 1 : 0;
            }
            return new SuccessModel(features, model, rows.size(), rows.size() - complete.size(), split.train().length,
                    split.test().length, (double) correct / actual.length, RocAuc.of(predicted, actual), seed,
                    testShare, SPLIT_METHOD);
        } catch (IllegalArgumentException e) {
            throw ProblemException.unprocessable("features", "cannot fit a logistic regression to these records: " + e.getMessage());
        }
    }

    private static List<String> known(List<String> names, String field) {
        if (names == null || names.isEmpty()) {
            throw ProblemException.invalid(field, "name one or more of " + FeatureRow.NAMES);
        }
        for (String name : names) {
            if (!FeatureRow.NAMES.contains(name)) {
                throw ProblemException.invalid(field, "unknown feature '" + name + "'; features are " + FeatureRow.NAMES);
            }
        }
        return names;
    }

    private static double[][] pick(double[][] rows, int[] indices) {
        double[][] picked = new double[indices.length][];
        for (int i = 0; i < indices.length; i++) {
            picked[i] = rows[indices[i]];
        }
        return picked;
    }

    private static int[] pick(int[] values, int[] indices) {
        int[] picked = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            picked[i] = values[indices[i]];
        }
        return picked;
    }
}
