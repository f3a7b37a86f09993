package io.promptwatch.api.statistics;

import io.promptwatch.api.RequestObject;
import io.promptwatch.statistics.boundary.AnalysisDefaults;
import java.util.List;

/** {@code POST /analysis/correlations}: each of {@code features} against each of {@code targets}. */
record CorrelationRequest(FeatureData data, List<String> features, List<String> targets, double alpha) {

    static CorrelationRequest read(RequestObject body, AnalysisLimits limits) {
        List<String> targets = body.strings("targets", AnalysisDefaults.CORRELATION_TARGETS);
        return new CorrelationRequest(FeatureData.read(body, limits),
                body.strings("features", AnalysisDefaults.correlationFeatures(targets)), targets,
                body.probability("alpha", AnalysisDefaults.ALPHA));
    }
}
