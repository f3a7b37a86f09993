package io.promptwatch.api.statistics;

import io.promptwatch.problem.ProblemException;

/**
 * How much one analysis may be asked to compute, from the settings: the forecast's horizon and
 * season ({@code promptwatch.analysis.max-horizon}), the points of a time series
 * ({@code promptwatch.analysis.max-points}) and the values or feature rows of the other analyses
 * ({@code promptwatch.analysis.max-samples}). The body size limit bounds a request's memory; these
 * bound its work, and they hold whether the data are sent or selected from the stored records: the
 * stored ones are bounded by the same settings where they are read.
 *
 * <p>Data sent over a limit are refused with 413, naming the field and the setting, before any
 * element is read; a stored selection over it is a 422 on {@code selection}, as everywhere.
 */
record AnalysisLimits(int maxHorizon, int maxPoints, int maxSamples) {

    static final String MAX_HORIZON = "promptwatch.analysis.max-horizon";
    static final String MAX_POINTS = "promptwatch.analysis.max-points";
    static final String MAX_SAMPLES = "promptwatch.analysis.max-samples";

    /** The points of a time series sent as {@code field}. */
    void points(String field, int count) {
        atMost(field, count, maxPoints, "points", MAX_POINTS);
    }

    /** Values or feature rows sent under {@code field}, {@code count} of them in all. */
    void samples(String field, long count, String what) {
        atMost(field, count, maxSamples, what, MAX_SAMPLES);
    }

    private static void atMost(String field, long count, int max, String what, String setting) {
        if (count > max) {
            throw new ProblemException(413, "Payload too large", field + " holds " + count + " " + what
                    + "; an analysis takes at most " + max + " (" + setting + ")", field);
        }
    }
}
