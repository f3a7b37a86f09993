package io.promptwatch.statistics.control;

import static io.promptwatch.statistics.control.RReference.assertR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two-proportion z-test, Cohen's h and the chi-square test of homogeneity against R 4.2.2
 * (reference.R, sections "Two proportions" and "Chi-square").
 */
class ProportionTestsTest {

    /**
     * R: prop.test(c(sv, sc), c(nv, nc), correct = FALSE, conf.level = confidence) for the p-value, the
     * interval and X-squared; z = (pv − pc) / pooled standard error as written in reference.R.
     */
    private static void assertTwoProportions(String name, long sc, long nc, long sv, long nv, double confidence,
                                             double difference, double z, double xSquared, double pValue,
                                             double ciLow, double ciHigh) {
        ProportionResult result = ProportionTests.twoProportions(sc, nc, sv, nv, confidence);
        assertEquals(sc, result.successesControl(), name + ".successesControl");
        assertEquals(nc, result.nControl(), name + ".nControl");
        assertEquals(sv, result.successesVariant(), name + ".successesVariant");
        assertEquals(nv, result.nVariant(), name + ".nVariant");
        assertR((double) sc / nc, result.rateControl(), name + ".rateControl");
        assertR((double) sv / nv, result.rateVariant(), name + ".rateVariant");
        assertR(difference, result.difference(), name + ".difference");
        assertR(z, result.z(), name + ".z");
        assertR(xSquared, result.z() * result.z(), name + ".xSquared");
        assertR(pValue, result.pValue(), name + ".pValue");
        assertR(ciLow, result.ciLow(), name + ".ci[1]");
        assertR(ciHigh, result.ciHigh(), name + ".ci[2]");
    }

    @Test
    void aModerateImprovement() {
        // prop.test(c(62, 45), c(118, 120), correct = FALSE, conf.level = 0.95)
        assertTwoProportions("prop.moderate", 45, 120, 62, 118, 0.95, 0.150423728813559, 2.33243161057357,
                5.44023721800284, 0.0196779967834637, 0.0254417664053496, 0.275405691221769);
    }

    @Test
    void aSmallImprovementOnLargeGroupsWithA99PercentInterval() {
        // prop.test(c(861, 830), c(1000, 1000), correct = FALSE, conf.level = 0.99)
        assertTwoProportions("prop.large", 830, 1000, 861, 1000, 0.99, 0.031, 1.9178986265911,
                3.67833514188001, 0.0551238664291198, -0.0105961741115419, 0.072596174111542);
    }

    @Test
    void aWorseVariantWithA90PercentInterval() {
        // prop.test(c(5, 12), c(38, 40), correct = FALSE, conf.level = 0.90)
        assertTwoProportions("prop.worse", 12, 40, 5, 38, 0.90, -0.168421052631579, -1.80084400520889,
                3.24303913109679, 0.071727470732236, -0.317885654369232, -0.0189564508939262);
    }

    @Test
    void aControlWithoutSuccesses() {
        // prop.test(c(3, 0), c(60, 50), correct = FALSE, conf.level = 0.95)
        assertTwoProportions("prop.zeroControl", 0, 50, 3, 60, 0.95, 0.05, 1.60315110265499,
                2.57009345794393, 0.108901297932722, -0.00514666716780064, 0.105146667167801);
    }

    @Test
    void theIntervalIsClippedAtOneAsInR() {
        // prop.test(c(10, 1), c(10, 10), correct = FALSE, conf.level = 0.95)
        assertTwoProportions("prop.clipped", 1, 10, 10, 10, 0.95, 0.9, 4.04519917477945,
                16.3636363636364, 5.22786578326744e-05, 0.714061490308632, 1);
    }

    @Test
    void twoProportionsDefaultsToA95PercentInterval() {
        // prop.test(c(62, 45), c(118, 120), correct = FALSE)$conf.int
        ProportionResult result = ProportionTests.twoProportions(45, 120, 62, 118);
        assertR(0.0254417664053496, result.ciLow(), "prop.moderate.ci[1]");
        assertR(0.275405691221769, result.ciHigh(), "prop.moderate.ci[2]");
    }

    @Test
    void groupsWithoutAnyVariationShowNoDifference() {
        // R's prop.test answers NaN here; Promptwatch reports "no evidence of a difference"
        ProportionResult result = ProportionTests.twoProportions(40, 40, 25, 25, 0.95);
        assertEquals(0.0, result.difference());
        assertEquals(0.0, result.z());
        assertEquals(1.0, result.pValue());
        assertEquals(0.0, result.ciLow());
        assertEquals(0.0, result.ciHigh());
    }

    @Test
    void cohensHIsTheDifferenceOfArcsineTransformedRates() {
        // 2 * asin(sqrt(pv)) - 2 * asin(sqrt(pc)) in reference.R
        assertR(0.303549649012124, ProportionTests.cohensH(45.0 / 120, 62.0 / 118), "h.moderate.cohensH");
        assertR(0.0858698356652439, ProportionTests.cohensH(0.83, 0.861), "h.small.cohensH");
        assertR(3.14159265358979, ProportionTests.cohensH(0, 1), "h.extremes.cohensH");
        assertR(-0.725937297211281, ProportionTests.cohensH(0.9, 0.6), "h.down.cohensH");
    }

    @Test
    void homogeneityOfThreeGroups() {
        // chisq.test(cbind(c(45, 62, 51), c(120, 118, 125) - c(45, 62, 51)), correct = FALSE)
        ChiSquareResult result = ProportionTests.homogeneity(new long[] {45, 62, 51}, new long[] {120, 118, 125});
        assertR(6.05316162291144, result.statistic(), "chisq.three.statistic");
        assertEquals(2, result.df(), "chisq.three.df");
        assertR(0.0484811211500681, result.pValue(), "chisq.three.pValue");
    }

    @Test
    void homogeneityOfFourGroups() {
        // chisq.test(cbind(c(830, 861, 845, 799), c(1000, 1000, 980, 1010) - c(830, 861, 845, 799)), correct = FALSE)
        ChiSquareResult result = ProportionTests.homogeneity(new long[] {830, 861, 845, 799},
                new long[] {1000, 1000, 980, 1010});
        assertR(24.5829806905934, result.statistic(), "chisq.four.statistic");
        assertEquals(3, result.df(), "chisq.four.df");
        assertR(1.88724056536508e-05, result.pValue(), "chisq.four.pValue");
    }

    @Test
    void homogeneityKeepsTheRelativePrecisionOfATinyPValue() {
        // chisq.test(cbind(c(10, 30, 50, 70), c(100, 100, 100, 100) - c(10, 30, 50, 70)), correct = FALSE)
        ChiSquareResult result = ProportionTests.homogeneity(new long[] {10, 30, 50, 70},
                new long[] {100, 100, 100, 100});
        assertR(83.3333333333333, result.statistic(), "chisq.strong.statistic");
        assertEquals(3, result.df(), "chisq.strong.df");
        assertR(5.91380280215286e-18, result.pValue(), "chisq.strong.pValue");
    }

    @Test
    void homogeneityOfTwoGroupsIsTheSquaredZTest() {
        // X-squared of prop.test(c(62, 45), c(118, 120), correct = FALSE) and its p-value
        ChiSquareResult result = ProportionTests.homogeneity(new long[] {45, 62}, new long[] {120, 118});
        assertR(5.44023721800284, result.statistic(), "prop.moderate.xSquared");
        assertEquals(1, result.df());
        assertR(0.0196779967834637, result.pValue(), "prop.moderate.pValue");
    }

    @Test
    void homogeneityOfGroupsThatAllSucceedShowsNoDifference() {
        // R's chisq.test answers NaN here (an expected count of 0)
        ChiSquareResult result = ProportionTests.homogeneity(new long[] {10, 20, 30}, new long[] {10, 20, 30});
        assertEquals(0.0, result.statistic());
        assertEquals(2, result.df());
        assertEquals(1.0, result.pValue());
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("twoProportions: an empty control", "nControl",
                        (Executable) () -> ProportionTests.twoProportions(0, 0, 1, 10, 0.95)),
                Arguments.of("twoProportions: an empty variant", "nVariant",
                        (Executable) () -> ProportionTests.twoProportions(1, 10, 0, 0, 0.95)),
                Arguments.of("twoProportions: more successes than trials", "successesVariant",
                        (Executable) () -> ProportionTests.twoProportions(1, 10, 11, 10, 0.95)),
                Arguments.of("twoProportions: negative successes", "successesControl",
                        (Executable) () -> ProportionTests.twoProportions(-1, 10, 1, 10, 0.95)),
                Arguments.of("twoProportions: confidence above 1", "confidence",
                        (Executable) () -> ProportionTests.twoProportions(1, 10, 2, 10, 1.5)),
                Arguments.of("cohensH: a control rate above 1", "rateControl",
                        (Executable) () -> ProportionTests.cohensH(1.01, 0.5)),
                Arguments.of("cohensH: a negative variant rate", "rateVariant",
                        (Executable) () -> ProportionTests.cohensH(0.5, -0.01)),
                Arguments.of("cohensH: a NaN rate", "rateVariant",
                        (Executable) () -> ProportionTests.cohensH(0.5, Double.NaN)),
                Arguments.of("homogeneity: one group", "2 groups",
                        (Executable) () -> ProportionTests.homogeneity(new long[] {1}, new long[] {2})),
                Arguments.of("homogeneity: arrays of different lengths", "successes and totals",
                        (Executable) () -> ProportionTests.homogeneity(new long[] {1, 2}, new long[] {2, 3, 4})),
                Arguments.of("homogeneity: an empty group", "totals[1]",
                        (Executable) () -> ProportionTests.homogeneity(new long[] {1, 0}, new long[] {2, 0})),
                Arguments.of("homogeneity: more successes than the total", "successes[0]",
                        (Executable) () -> ProportionTests.homogeneity(new long[] {3, 1}, new long[] {2, 2})),
                Arguments.of("homogeneity: null", "successes",
                        (Executable) () -> ProportionTests.homogeneity(null, new long[] {2, 2})));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void badInputIsRefusedNamingTheArgument(String description, String named, Executable call) {
        IllegalArgumentException refusal = assertThrows(IllegalArgumentException.class, call);
        assertTrue(refusal.getMessage().contains(named), () -> "the message should name " + named + ": " + refusal.getMessage());
    }
}
