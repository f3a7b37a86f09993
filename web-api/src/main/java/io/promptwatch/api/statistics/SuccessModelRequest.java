package io.promptwatch.api.statistics;

import io.promptwatch.api.RequestObject;
import io.promptwatch.statistics.boundary.AnalysisDefaults;
import java.util.List;

/** {@code POST /analysis/success-model}: success on {@code features}, held out by a seeded split (none with testShare 0). */
record SuccessModelRequest(FeatureData data, List<String> features, double testShare, long seed) {

    static SuccessModelRequest read(RequestObject body, AnalysisLimits limits) {
        return new SuccessModelRequest(FeatureData.read(body, limits),
                body.strings("features", AnalysisDefaults.SUCCESS_MODEL_FEATURES),
                body.share("testShare", AnalysisDefaults.TEST_SHARE),
                body.wholeNumber("seed", AnalysisDefaults.SEED, Long.MIN_VALUE, Long.MAX_VALUE));
    }
}
