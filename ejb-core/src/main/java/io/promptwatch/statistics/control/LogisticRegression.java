package io.promptwatch.statistics.control;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.PivotSelectionRule;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.stat.StatUtils;

/**
 * Success prediction (SPEC §5): a logistic regression of success on record features, fitted as R's
 * {@code glm(success ~ ., family = binomial)} does it, with the hold-out split and the ROC AUC to
 * report how well it predicts. The fit refuses data on which maximum likelihood has no finite answer
 * (a rank-deficient design, separable classes) instead of returning meaningless weights.
 */
public final class LogisticRegression {

    /** R's {@code glm.control()$maxit}. */
    public static final int MAX_ITERATIONS = 25;
    /** R's {@code glm.control()$epsilon}: convergence when |dev − dev_old| / (|dev| + 0.1) falls below it. */
    public static final double EPSILON = 1e-8;
    /**
     * A feature is aliased when the part of its column not explained by the intercept and the earlier
     * features has a norm below this share of the column's norm (R's {@code glm.fit} QR tolerance).
     */
    public static final double RANK_TOLERANCE = 1e-7;

    /** R's logit link clamps: beyond ±30 on the log-odds scale, exp is replaced by ε or 1/ε. */
    private static final double THRESHOLD = 30;
    private static final double MACHINE_EPSILON = Math.ulp(1.0);
    /** R's test for "fitted probabilities numerically 0 or 1". */
    private static final double NUMERICALLY_ZERO = 10 * MACHINE_EPSILON;
    /** Objective value per row above which the separation linear program counts as unbounded. */
    private static final double SEPARATION_TOLERANCE = 1e-7;

    /**
     * A hold-out split of the row indices 0..n−1: disjoint, together all of them, each ascending.
     * The arrays are copied in and out.
     */
    public record Split(int[] train, int[] test) {

        public Split {
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
    }

    private LogisticRegression() {
    }

    /**
     * Fits P(y = 1 | x) = 1 / (1 + exp(−(b₀ + Σ bⱼ xⱼ))) by maximum likelihood with iteratively
     * reweighted least squares, as R's {@code glm.fit}: start from μ = (y + ½)/2, solve each weighted
     * least-squares step by QR, stop when |dev − dev_old| / (|dev| + 0.1) &lt; {@value #EPSILON}, at most
     * {@value #MAX_ITERATIONS} iterations. Standard errors come from the QR of the last step, as R's
     * {@code summary.glm}; the p-values are two-sided normal (Wald).
     *
     * @param featureNames the name of each column of rows, distinct
     * @param rows         one row per record, its feature values in the order of featureNames
     * @param y            1 for success, 0 for failure, one per row
     * @throws IllegalArgumentException if an argument is null, a name is blank or repeated, rows and y differ in
     *                                  length, a row has the wrong number of values or a non-finite one, y holds a
     *                                  value other than 0/1 or only one of them, the design is rank-deficient (a
     *                                  constant feature, or one that is a linear combination of the intercept and
     *                                  earlier features), or the classes are (quasi-)completely separable
     */
    public static LogisticModel fit(List<String> featureNames, double[][] rows, int[] y) {
        List<String> terms = requireNames(featureNames);
        requireRows(rows, featureNames.size());
        if (rows.length == 0) {
            throw new IllegalArgumentException("rows must not be empty");
        }
        requireLabels(y, rows.length, "y");
        double[][] design = design(rows);
        requireFullRank(design, terms);
        // The exact separation test is a linear program whose cost grows steeply with the rows (minutes
        // at 10,000), so it runs only where separation is possible: when IRLS fails, or when it ends
        // with some row fitted numerically at 0 or 1 (what R warns about). Overlapping classes pass
        // IRLS with every fitted probability inside (0, 1), which cannot happen under separation.
        LogisticModel model;
        try {
            model = irls(design, y, terms);
        } catch (IllegalArgumentException notConverged) {
            requireOverlap(design, y);
            throw notConverged;
        }
        if (fittedAtBoundary(model, rows)) {
            requireOverlap(design, y);
        }
        return model;
    }

    private static boolean fittedAtBoundary(LogisticModel model, double[][] rows) {
        for (double p : predict(model, rows)) {
            if (p < NUMERICALLY_ZERO || p > 1 - NUMERICALLY_ZERO) {
                return true;
            }
        }
        return false;
    }

    /**
     * The fitted probability of success for each row, R's {@code predict(fit, newdata, type = "response")}.
     *
     * @throws IllegalArgumentException if model or rows is null, or a row has the wrong number of values or a
     *                                  non-finite one
     */
    public static double[] predict(LogisticModel model, double[][] rows) {
        if (model == null) {
            throw new IllegalArgumentException("model must not be null");
        }
        requireRows(rows, model.terms().size() - 1);
        double[] coefficients = model.coefficients();
        double[][] design = design(rows);
        double[] probabilities = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            probabilities[i] = inverseLogit(dot(design[i], coefficients));
        }
        return probabilities;
    }

    /**
     * The area under the ROC curve: the probability that a random positive scores above a random negative,
     * ties counting one half; computed from average ranks (the Mann–Whitney U of the positives divided by
     * n₁n₀), as {@code wilcox.test(scores[pos], scores[neg])$statistic / (n1 * n0)} in R.
     *
     * @throws IllegalArgumentException if an argument is null, the lengths differ, a score is not finite, a label
     *                                  is not 0/1, or only one class is present
     */
    public static double auc(double[] scores, int[] labels) {
        if (scores == null) {
            throw new IllegalArgumentException("scores must not be null");
        }
        for (int i = 0; i < scores.length; i++) {
            if (!Double.isFinite(scores[i])) {
                throw new IllegalArgumentException("scores[" + i + "] must be a finite number, was " + scores[i]);
            }
        }
        requireLabels(labels, scores.length, "labels");
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

    /**
     * A reproducible random hold-out split of n records: a {@link SplittableRandom} seeded with seed drives a
     * Fisher–Yates shuffle of 0..n−1 (for i from n−1 down to 1, swap i with {@code nextInt(i + 1)}); the first
     * round(n · testShare) shuffled indices, at least 1 and at most n − 1, are the test set and the rest the
     * training set, each sorted ascending. The same n, share and seed give the same split on every run
     * (SplittableRandom's sequence for a seed is fixed by its algorithm, not by the platform).
     *
     * @throws IllegalArgumentException if n &lt; 2 or testShare is not in (0, 1)
     */
    public static Split split(int n, double testShare, long seed) {
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
        return new Split(train, test);
    }

    // ------------------------------------------------------------------------------------------------
    // the fit

    private static LogisticModel irls(double[][] x, int[] y, List<String> terms) {
        int n = x.length;
        int p = x[0].length;
        double[] eta = new double[n];
        double[] mu = new double[n];
        for (int i = 0; i < n; i++) {
            double start = (y[i] + 0.5) / 2; // R's binomial mustart with unit weights
            eta[i] = Math.log(start / (1 - start));
            mu[i] = inverseLogit(eta[i]);
        }
        double devianceOld = deviance(y, mu);
        double deviance = devianceOld;
        double[] beta = null;
        QRDecomposition step = null;
        int iteration = 0;
        boolean converged = false;
        while (iteration < MAX_ITERATIONS && !converged) {
            iteration++;
            double[][] weighted = new double[n][p];
            double[] response = new double[n];
            for (int i = 0; i < n; i++) {
                double derivative = muEta(eta[i]);
                double weight = Math.sqrt(derivative * derivative / (mu[i] * (1 - mu[i])));
                double working = eta[i] + (y[i] - mu[i]) / derivative;
                for (int j = 0; j < p; j++) {
                    weighted[i][j] = weight * x[i][j];
                }
                response[i] = weight * working;
            }
            step = new QRDecomposition(new Array2DRowRealMatrix(weighted, false));
            beta = step.getSolver().solve(new ArrayRealVector(response, false)).toArray();
            for (int i = 0; i < n; i++) {
                eta[i] = dot(x[i], beta);
                mu[i] = inverseLogit(eta[i]);
            }
            deviance = deviance(y, mu);
            if (!Double.isFinite(deviance)) {
                throw new IllegalArgumentException("the deviance became infinite in iteration " + iteration
                        + "; the classes are probably separable");
            }
            converged = Math.abs(deviance - devianceOld) / (Math.abs(deviance) + 0.1) < EPSILON;
            devianceOld = deviance;
        }
        if (!converged) {
            throw new IllegalArgumentException("the fit did not converge in " + MAX_ITERATIONS
                    + " iterations: the coefficients diverge because the classes are separable");
        }
        requireFittedOverlap(y, mu);

        // (Xᵀ W X)⁻¹ = R⁻¹ R⁻ᵀ from the p × p triangle of the last step's QR, as R's chol2inv(qr$qr):
        // the pseudo-inverse of the n × p matrix would cost n² p time and an n × n identity in memory.
        RealMatrix rInverse = new QRDecomposition(step.getR().getSubMatrix(0, p - 1, 0, p - 1)).getSolver().getInverse();
        RealMatrix covariance = rInverse.multiply(rInverse.transpose()); // dispersion 1
        double[] standardErrors = new double[p];
        double[] z = new double[p];
        double[] pValues = new double[p];
        for (int j = 0; j < p; j++) {
            standardErrors[j] = Math.sqrt(covariance.getEntry(j, j));
            z[j] = beta[j] / standardErrors[j];
            pValues[j] = Distributions.normalTwoSided(z[j]);
        }
        double successes = 0;
        for (int label : y) {
            successes += label;
        }
        double[] nullMu = new double[n];
        Arrays.fill(nullMu, successes / n);
        double nullDeviance = deviance(y, nullMu);
        double aic = -2 * logLikelihood(y, mu) + 2 * p;
        return new LogisticModel(terms, beta, standardErrors, z, pValues, iteration, deviance, nullDeviance, aic);
    }

    /** R's logit inverse link: exp(η)/(1 + exp(η)) with exp clamped to [ε, 1/ε] beyond |η| = 30. */
    private static double inverseLogit(double eta) {
        double e = eta < -THRESHOLD ? MACHINE_EPSILON : eta > THRESHOLD ? 1 / MACHINE_EPSILON : Math.exp(eta);
        return e / (1 + e);
    }

    /** dμ/dη of the logit link, clamped to ε beyond |η| = 30 as R's. */
    private static double muEta(double eta) {
        if (eta > THRESHOLD || eta < -THRESHOLD) {
            return MACHINE_EPSILON;
        }
        double onePlusExp = 1 + Math.exp(eta);
        return Math.exp(eta) / (onePlusExp * onePlusExp);
    }

    /** The binomial deviance of 0/1 outcomes, R's {@code binomial()$dev.resids} summed. */
    private static double deviance(int[] y, double[] mu) {
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            sum += 2 * (y[i] == 1 ? Math.log(1 / mu[i]) : Math.log(1 / (1 - mu[i])));
        }
        return sum;
    }

    private static double logLikelihood(int[] y, double[] mu) {
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            sum += y[i] == 1 ? Math.log(mu[i]) : Math.log1p(-mu[i]);
        }
        return sum;
    }

    private static double dot(double[] row, double[] beta) {
        double sum = 0;
        for (int j = 0; j < row.length; j++) {
            sum += row[j] * beta[j];
        }
        return sum;
    }

    /** The rows with a leading 1 for the intercept. */
    private static double[][] design(double[][] rows) {
        double[][] design = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            design[i] = new double[rows[i].length + 1];
            design[i][0] = 1;
            System.arraycopy(rows[i], 0, design[i], 1, rows[i].length);
        }
        return design;
    }

    // ------------------------------------------------------------------------------------------------
    // refusals

    /**
     * Each column in turn must keep more than {@value #RANK_TOLERANCE} of its norm after projecting out the
     * columns before it (the intercept first), the test R's QR applies before it reports a coefficient as NA.
     */
    private static void requireFullRank(double[][] design, List<String> terms) {
        int n = design.length;
        int p = design[0].length;
        if (n < p) {
            throw new IllegalArgumentException("the design is rank-deficient: " + n + " rows cannot determine "
                    + p + " coefficients " + terms);
        }
        for (int j = 1; j < p; j++) {
            double[] column = new double[n];
            boolean constant = true;
            for (int i = 0; i < n; i++) {
                column[i] = design[i][j];
                constant &= column[i] == column[0];
            }
            if (constant) {
                throw new IllegalArgumentException("feature '" + terms.get(j) + "' is constant (" + column[0]
                        + " in every row); the design is rank-deficient, its effect is not identifiable");
            }
            double[][] before = new double[n][j];
            for (int i = 0; i < n; i++) {
                System.arraycopy(design[i], 0, before[i], 0, j);
            }
            RealMatrix earlier = new Array2DRowRealMatrix(before, false);
            RealVector target = new ArrayRealVector(column, false);
            RealVector projection = earlier.operate(new QRDecomposition(earlier).getSolver().solve(target));
            double kept = target.subtract(projection).getNorm();
            if (kept <= RANK_TOLERANCE * target.getNorm()) {
                throw new IllegalArgumentException("feature '" + terms.get(j) + "' is a linear combination of "
                        + terms.subList(0, j) + "; the design is rank-deficient, its effect is not identifiable");
            }
        }
    }

    /**
     * Complete or quasi-complete separation (Albert &amp; Anderson 1984) means some β ≠ 0 has
     * (2yᵢ − 1)·xᵢβ ≥ 0 for every row; the likelihood then has no finite maximum. With a full-rank design
     * this holds exactly when the linear program max Σᵢ (2yᵢ − 1)·xᵢβ subject to those constraints is
     * unbounded (Konis 2007); bounding β to the unit box on standardised features, the optimum is 0 for
     * overlapping classes and clearly positive for separable ones.
     */
    private static void requireOverlap(double[][] design, int[] y) {
        int n = design.length;
        int p = design[0].length;
        double[][] standardised = new double[n][p];
        for (int i = 0; i < n; i++) {
            standardised[i][0] = 1;
        }
        for (int j = 1; j < p; j++) {
            double[] column = new double[n];
            for (int i = 0; i < n; i++) {
                column[i] = design[i][j];
            }
            double mean = StatUtils.mean(column);
            double sd = Math.sqrt(StatUtils.populationVariance(column, mean));
            for (int i = 0; i < n; i++) {
                standardised[i][j] = (column[i] - mean) / sd;
            }
        }
        double[] objective = new double[p];
        List<LinearConstraint> constraints = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double sign = y[i] == 1 ? 1 : -1;
            double[] signed = new double[p];
            for (int j = 0; j < p; j++) {
                signed[j] = sign * standardised[i][j];
                objective[j] += signed[j];
            }
            constraints.add(new LinearConstraint(signed, Relationship.GEQ, 0));
        }
        for (int j = 0; j < p; j++) {
            double[] unit = new double[p];
            unit[j] = 1;
            constraints.add(new LinearConstraint(unit, Relationship.LEQ, 1));
            constraints.add(new LinearConstraint(unit, Relationship.GEQ, -1));
        }
        PointValuePair optimum = new SimplexSolver().optimize(new MaxIter(100_000),
                new LinearObjectiveFunction(objective, 0), new LinearConstraintSet(constraints), GoalType.MAXIMIZE,
                new NonNegativeConstraint(false), PivotSelectionRule.BLAND);
        if (optimum.getValue() > SEPARATION_TOLERANCE * n) {
            throw new IllegalArgumentException("the classes are separable (complete or quasi-complete separation): "
                    + "a linear combination of the features splits successes from failures, so the maximum-likelihood "
                    + "coefficients are infinite");
        }
    }

    /** A guard after the fit: every row of a class fitted numerically at its own label means separation. */
    private static void requireFittedOverlap(int[] y, double[] mu) {
        for (int label = 0; label <= 1; label++) {
            boolean allAtLabel = true;
            for (int i = 0; i < y.length && allAtLabel; i++) {
                if (y[i] == label) {
                    allAtLabel = label == 1 ? mu[i] > 1 - NUMERICALLY_ZERO : mu[i] < NUMERICALLY_ZERO;
                }
            }
            if (allAtLabel) {
                throw new IllegalArgumentException("the fitted probabilities are numerically " + label
                        + " for every row with y = " + label + ": the classes are separable");
            }
        }
    }

    private static List<String> requireNames(List<String> featureNames) {
        if (featureNames == null) {
            throw new IllegalArgumentException("featureNames must not be null");
        }
        var seen = new HashSet<String>();
        List<String> terms = new ArrayList<>();
        terms.add(LogisticModel.INTERCEPT);
        for (int j = 0; j < featureNames.size(); j++) {
            String name = featureNames.get(j);
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("featureNames[" + j + "] must not be blank");
            }
            if (name.equals(LogisticModel.INTERCEPT)) {
                throw new IllegalArgumentException("featureNames[" + j + "] '" + name + "' is reserved for the intercept");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("featureNames[" + j + "] '" + name + "' is used twice");
            }
            terms.add(name);
        }
        return terms;
    }

    private static void requireRows(double[][] rows, int features) {
        if (rows == null) {
            throw new IllegalArgumentException("rows must not be null");
        }
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null || rows[i].length != features) {
                throw new IllegalArgumentException("rows[" + i + "] has " + (rows[i] == null ? "no" : rows[i].length)
                        + " values, rows of different length: every row needs one value per feature (" + features + ")");
            }
            for (int j = 0; j < features; j++) {
                if (!Double.isFinite(rows[i][j])) {
                    throw new IllegalArgumentException("rows[" + i + "][" + j + "] must be a finite number, was "
                            + rows[i][j]);
                }
            }
        }
    }

    private static void requireLabels(int[] labels, int expectedLength, String name) {
        if (labels == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (labels.length != expectedLength) {
            throw new IllegalArgumentException(name + " has " + labels.length + " values, expected one per row ("
                    + expectedLength + ")");
        }
        int ones = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 0 && labels[i] != 1) {
                throw new IllegalArgumentException(name + "[" + i + "] must be 0 or 1, was " + labels[i]);
            }
            ones += labels[i];
        }
        if (ones == 0 || ones == labels.length) {
            throw new IllegalArgumentException(name + " holds only one class (" + labels.length + " values, all "
                    + (ones == 0 ? 0 : 1) + "); both 0 and 1 are needed");
        }
    }
}
