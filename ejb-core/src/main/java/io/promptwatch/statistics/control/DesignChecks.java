package io.promptwatch.statistics.control;

import java.util.ArrayList;
import java.util.List;
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
 * The data on which logistic maximum likelihood has no finite, unique answer, and which
 * {@link LogisticRegression#fit} therefore refuses instead of returning meaningless weights: a rank-deficient
 * design (a coefficient R would report as NA) and separable classes (coefficients that run off to infinity).
 */
final class DesignChecks {

    /**
     * A feature is aliased when the part of its column not explained by the intercept and the earlier
     * features has a norm below this share of the column's norm (R's {@code glm.fit} QR tolerance).
     */
    static final double RANK_TOLERANCE = 1e-7;
    /** R's test for "fitted probabilities numerically 0 or 1". */
    static final double NUMERICALLY_ZERO = 10 * Math.ulp(1.0);
    /** Objective value per row above which the separation linear program counts as unbounded. */
    private static final double SEPARATION_TOLERANCE = 1e-7;

    private DesignChecks() {
    }

    /**
     * Each column in turn must keep more than {@value #RANK_TOLERANCE} of its norm after projecting out the
     * columns before it (the intercept first), the test R's QR applies before it reports a coefficient as NA.
     */
    static void requireFullRank(double[][] design, List<String> terms) {
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
    static void requireOverlap(double[][] design, int[] y) {
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
    static void requireFittedOverlap(int[] y, double[] mu) {
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
}
