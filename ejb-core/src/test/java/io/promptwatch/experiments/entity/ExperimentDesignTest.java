package io.promptwatch.experiments.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.promptwatch.problem.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The design checks an experiment declaration answers with 400, each with its field and words. */
class ExperimentDesignTest {

    private static final String EFFECT_REQUIRED = "a positive minimumDetectableEffect is required "
            + "(absolute: a rate difference for success, a difference in the metric's unit otherwise)";

    @Test
    void alphaAndPowerDefaultTo5PercentAnd80Percent() {
        ExperimentDesign design = ExperimentDesign.of("success", true, null, null, 0.1, 0.7, null);
        assertEquals(0.05, design.alpha());
        assertEquals(0.8, design.power());
        assertEquals(0.1, design.minimumDetectableEffect());
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, 1, -0.1, 1.5, Double.NaN})
    void alphaLiesStrictlyBetween0And1(double alpha) {
        assertRefused("alpha", "alpha must lie strictly between 0 and 1",
                () -> ExperimentDesign.of("success", true, alpha, 0.8, 0.1, 0.7, null));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, 1, -0.5, Double.NaN})
    void powerLiesStrictlyBetween0And1(double power) {
        assertRefused("power", "power must lie strictly between 0 and 1",
                () -> ExperimentDesign.of("success", true, 0.05, power, 0.1, 0.7, null));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -0.1, Double.NaN, Double.POSITIVE_INFINITY})
    void theEffectIsPositiveAndFinite(double effect) {
        assertRefused("minimumDetectableEffect", EFFECT_REQUIRED,
                () -> ExperimentDesign.of("success", true, 0.05, 0.8, effect, 0.7, null));
    }

    @Test
    void theEffectHasNoDefault() {
        assertRefused("minimumDetectableEffect", EFFECT_REQUIRED,
                () -> ExperimentDesign.of("latencyMs", false, null, null, null, null, 100.0));
    }

    @Test
    void theSuccessMetricNeedsABaselineRate() {
        assertRefused("baselineRate", "the success metric needs the control's expected baselineRate in (0, 1)",
                () -> ExperimentDesign.of("success", true, null, null, 0.1, null, 0.5));
        for (double rate : new double[] {0, 1, 1.2, Double.NaN}) {
            assertRefused("baselineRate", "the success metric needs the control's expected baselineRate in (0, 1)",
                    () -> ExperimentDesign.of("success", true, null, null, 0.1, rate, null));
        }
    }

    @Test
    void aContinuousMetricNeedsAStandardDeviation() {
        String words = "a continuous metric needs its expected standardDeviation (> 0)";
        assertRefused("standardDeviation", words, () -> ExperimentDesign.of("latencyMs", false, null, null, 50.0, 0.7, null));
        for (double sd : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertRefused("standardDeviation", words, () -> ExperimentDesign.of("latencyMs", false, null, null, 50.0, null, sd));
        }
    }

    @Test
    void theOtherMetricKindsNumberIsKeptAsGiven() {
        // Declarations have always stored what they were given; only the one the metric needs is checked.
        assertEquals(7.0, ExperimentDesign.of("success", true, null, null, 0.1, 0.7, 7.0).standardDeviation());
        assertEquals(3.0, ExperimentDesign.of("latencyMs", false, null, null, 50.0, 3.0, 100.0).baselineRate());
    }

    @Test
    void theChecksRunInTheOrderOfTheFields() {
        assertRefused("alpha", "alpha must lie strictly between 0 and 1",
                () -> ExperimentDesign.of("success", true, 2.0, 2.0, -1.0, null, null));
        assertRefused("power", "power must lie strictly between 0 and 1",
                () -> ExperimentDesign.of("success", true, null, 2.0, -1.0, null, null));
        assertRefused("minimumDetectableEffect", EFFECT_REQUIRED,
                () -> ExperimentDesign.of("success", true, null, null, -1.0, null, null));
    }

    static void assertRefused(String field, String detail, org.junit.jupiter.api.function.Executable declaration) {
        ProblemException e = assertThrows(ProblemException.class, declaration);
        assertEquals(400, e.status());
        assertEquals("Invalid request", e.title());
        assertEquals(field, e.field());
        assertEquals(detail, e.detail());
    }
}
