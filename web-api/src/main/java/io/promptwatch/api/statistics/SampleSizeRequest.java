package io.promptwatch.api.statistics;

import io.promptwatch.api.RequestObject;
import io.promptwatch.statistics.boundary.AnalysisDefaults;

/**
 * {@code POST /analysis/sample-size}: for {@code kind} means a difference {@code delta} and a
 * standard deviation {@code sd}, for proportions the two rates {@code p1} and {@code p2} (both
 * kept as {@code a} and {@code b}); given {@code n} per group the power it reaches is asked
 * ({@code power} is then {@code null}), otherwise the size per group that reaches {@code power}.
 */
record SampleSizeRequest(String kind, boolean means, double alpha, double a, double b, Double nPerGroup, Double power) {

    static SampleSizeRequest read(RequestObject body) {
        String kind = body.string("kind", AnalysisDefaults.SAMPLE_SIZE_KIND);
        boolean means = switch (kind) {
            case "means" -> true;
            case "proportions" -> false;
            default -> throw body.invalid("kind", "kind must be means or proportions; got '" + kind + "'");
        };
        double alpha = body.probability("alpha", AnalysisDefaults.ALPHA);
        double a;
        double b;
        if (means) {
            a = body.requiredNumber("delta");
            b = body.requiredNumber("sd");
            if (!(b > 0)) {
                throw body.invalid("sd", "sd must be a positive number; got " + b);
            }
        } else {
            a = rate(body, "p1");
            b = rate(body, "p2");
        }
        if (!body.has("n")) {
            return new SampleSizeRequest(kind, means, alpha, a, b, null, body.probability("power", AnalysisDefaults.POWER));
        }
        double n = body.requiredNumber("n");
        if (!(n > 0)) {
            throw body.invalid("n", "n is a number of records per group and must be positive; got " + n);
        }
        return new SampleSizeRequest(kind, means, alpha, a, b, n, null);
    }

    private static double rate(RequestObject body, String name) {
        double rate = body.requiredNumber(name);
        if (!(rate >= 0 && rate <= 1)) {
            throw body.invalid(name, name + " is a rate and must lie in [0, 1]; got " + rate);
        }
        return rate;
    }
}
