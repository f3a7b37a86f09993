package io.promptwatch.statistics.control;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Success prediction (SPEC §5): a logistic regression of success on record features, fitted as R's
 * {@code glm(success ~ ., family = binomial)} does it. The fit refuses data on which maximum likelihood
 * has no finite answer ({@code DesignChecks}); {@link HoldOutSplit} and {@link RocAuc} say how well it
 * predicts records it was not fitted on.
 */
public final class LogisticRegression {

    /** R's {@code glm.control()$maxit}. */
    public static final int MAX_ITERATIONS = 25;
    /** R's {@code glm.control()$epsilon}: convergence when |dev − dev_old| / (|dev| + 0.1) falls below it. */
    public static final double EPSILON = 1e-8;

    /** R's logit link clamps: beyond ±30 on the log-odds scale, exp is replaced by ε or 1/ε. */
    private static final double THRESHOLD = 30;
    private static final double MACHINE_EPSILON = Math.ulp(1.0);

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
        BinaryLabels.require(y, rows.length, "y");
        double[][] design = design(rows);
        DesignChecks.requireFullRank(design, terms);
        // The exact separation test is a linear program whose cost grows steeply with the rows (minutes
        // at 10,000), so it runs only where separation is possible: when IRLS fails, or when it ends
        // with some row fitted numerically at 0 or 1 (what R warns about). Overlapping classes pass
        // IRLS with every fitted probability inside (0, 1), which cannot happen under separation.
        LogisticModel model;
        try {
            model = irls(design, y, terms);
        } catch (IllegalArgumentException notConverged) {
            DesignChecks.requireOverlap(design, y);
            throw notConverged;
        }
        if (fittedAtBoundary(model, rows)) {
            DesignChecks.requireOverlap(design, y);
        }
        return model;
    }

    private static boolean fittedAtBoundary(LogisticModel model, double[][] rows) {
        for (double p : predict(model, rows)) {
            if (p < DesignChecks.NUMERICALLY_ZERO || p > 1 - DesignChecks.NUMERICALLY_ZERO) {
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
        DesignChecks.requireFittedOverlap(y, mu);

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
    // the arguments

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
}
