package io.promptwatch.statistics.boundary;

import static io.promptwatch.statistics.control.RReference.ITERATIVE;
import static io.promptwatch.statistics.control.RReference.assertR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.promptwatch.problem.ProblemException;
import io.promptwatch.statistics.control.ReferenceCalls;
import io.promptwatch.tracking.boundary.FeatureRow;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The success model with {@code testShare} 0: fitted on every record, so it can be held against R's glm. */
class FeatureAnalysesTest {

    private static final List<FeatureRow> CALLS = IntStream.range(0, ReferenceCalls.SUCCESS.length)
            .mapToObj(i -> new FeatureRow(ReferenceCalls.LATENCY[i], ReferenceCalls.TOKENS[i], ReferenceCalls.TEMPERATURE[i],
                    Double.NaN, Double.NaN, Double.NaN, ReferenceCalls.SUCCESS[i]))
            .toList();

    @Test
    void aTestShareOfZeroFitsOnEveryRecordAsGlm() {
        FeatureAnalyses.SuccessModel fitted = new FeatureAnalyses()
                .successModel(CALLS, List.of("latencyMs", "totalTokens", "temperature"), 0, 42);
        // summary(glm(success ~ latency + tokens + temperature, family = binomial, data = calls)), R 4.2.2
        // (reference-correlation.R, section "Logistic regression"; the same values as LogisticRegressionTest)
        double[] r = {5.52003804441768, -0.0031494405979215, -0.000915381818362741, -1.38098064571525};
        for (int i = 0; i < r.length; i++) {
            assertR(r[i], fitted.model().coefficients()[i], ITERATIVE, "coefficient " + i);
        }
        assertR(47.117273235357, fitted.model().deviance(), ITERATIVE, "deviance");
        assertEquals(50, fitted.trainSize());
        assertEquals(0, fitted.testSize());
        assertNull(fitted.heldOutAccuracy());
        assertNull(fitted.heldOutAuc());
        assertEquals(FeatureAnalyses.NO_SPLIT, fitted.splitMethod());
    }

    @Test
    void aShareOfOneOrBelowZeroIsRefused() {
        for (double share : new double[] {1, -0.1, Double.NaN}) {
            ProblemException refused = assertThrows(ProblemException.class, () -> new FeatureAnalyses()
                    .successModel(CALLS, List.of("latencyMs"), share, 42));
            assertEquals("testShare", refused.field());
        }
    }
}
