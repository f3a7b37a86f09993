package io.promptwatch.statistics.control;

import java.util.List;

/**
 * A fitted logistic regression of success on record features, as R's
 * {@code summary(glm(success ~ ., family = binomial))}: the terms ("(Intercept)" first, then the
 * features in their given order) with their coefficients on the log-odds scale, Wald standard errors,
 * z values and two-sided p-values; the number of IRLS (Fisher scoring) iterations, the residual and
 * null deviance and the AIC. The arrays are copied in and out, so a model cannot be changed.
 */
public record LogisticModel(List<String> terms, double[] coefficients, double[] standardErrors, double[] z,
                            double[] pValues, int iterations, double deviance, double nullDeviance, double aic) {

    /** The name of the constant term, as R prints it. */
    public static final String INTERCEPT = "(Intercept)";

    public LogisticModel {
        terms = List.copyOf(terms);
        coefficients = coefficients.clone();
        standardErrors = standardErrors.clone();
        z = z.clone();
        pValues = pValues.clone();
        int size = terms.size();
        if (size == 0 || !INTERCEPT.equals(terms.get(0))) {
            throw new IllegalArgumentException("terms must start with " + INTERCEPT + ", were " + terms);
        }
        if (coefficients.length != size || standardErrors.length != size || z.length != size || pValues.length != size) {
            throw new IllegalArgumentException("a model needs one coefficient, standard error, z and p-value per term ("
                    + size + " terms)");
        }
    }

    @Override
    public double[] coefficients() {
        return coefficients.clone();
    }

    @Override
    public double[] standardErrors() {
        return standardErrors.clone();
    }

    @Override
    public double[] z() {
        return z.clone();
    }

    @Override
    public double[] pValues() {
        return pValues.clone();
    }

    /** The features the model was fitted on, in order (the terms after the intercept). */
    public List<String> featureNames() {
        return terms.subList(1, terms.size());
    }

    /** The coefficient (change in log-odds per unit) of one term. */
    public double coefficient(String term) {
        int index = terms.indexOf(term);
        if (index < 0) {
            throw new IllegalArgumentException("the model has no term '" + term + "'; its terms are " + terms);
        }
        return coefficients[index];
    }
}
