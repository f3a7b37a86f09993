package io.promptwatch.api.statistics;

import io.promptwatch.api.RequestObject;
import io.promptwatch.problem.ProblemException;

/** {@code POST /analysis/adjust}: one or more p-values, adjusted in the order given. */
record AdjustmentRequest(double[] pValues) {

    static AdjustmentRequest read(RequestObject body, AnalysisLimits limits) {
        limits.samples(body.path("pValues"), body.size("pValues"), "p-values");
        double[] p = body.numbers("pValues");
        if (p.length == 0) {
            throw body.invalid("pValues", "give at least one p-value");
        }
        for (int i = 0; i < p.length; i++) {
            if (!(p[i] >= 0 && p[i] <= 1)) {
                throw ProblemException.invalid(body.element("pValues", i), "every p-value must lie in [0, 1]; got " + p[i]);
            }
        }
        return new AdjustmentRequest(p);
    }
}
