package io.promptwatch.statistics.control;

import static io.promptwatch.statistics.control.RReference.assertR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Welch, Mann–Whitney and Cohen's d against R 4.2.2 (reference.R, sections "Welch" and "Mann-Whitney"). */
class TwoSampleTestsTest {

    // the data sets of reference.R, literally
    private static final double[] QUALITY_CONTROL = {0.62, 0.71, 0.58, 0.66, 0.74, 0.69, 0.60, 0.65};
    private static final double[] QUALITY_VARIANT = {0.70, 0.81, 0.77, 0.59, 0.88, 0.73, 0.79, 0.92, 0.68, 0.84, 0.75};
    private static final double[] LATENCY_CONTROL = {812, 790, 845, 801, 828};
    private static final double[] LATENCY_VARIANT = {910, 1204, 875, 1380, 990, 1102, 860, 1450, 930, 1010, 1225, 1088};
    private static final double[] CONSTANT_CONTROL = {3, 3, 3, 3};
    private static final double[] CONSTANT_VARIANT = {4, 5, 3, 4, 6};
    private static final double[] COST_CONTROL = {0.0042, 0.0051, 0.0039, 0.0047, 0.0044, 0.0050};
    private static final double[] COST_VARIANT = {0.0041, 0.0038, 0.0045, 0.0040, 0.0043, 0.0037, 0.0046};

    private static final double[] RATINGS_CONTROL = {3, 4, 2, 5, 3, 4, 1, 3, 4};
    private static final double[] RATINGS_VARIANT = {4, 5, 5, 3, 4, 5, 4, 2, 5, 4, 5};
    private static final double[] SKEWED_CONTROL = {1.2, 3.4, 2.2, 2.2, 5.1, 0.7};
    private static final double[] SKEWED_VARIANT = {2.2, 6.3, 4.8, 3.3, 7.1};
    private static final double[] LOWER_CONTROL = {14, 18, 21, 15, 19, 22, 17, 20};
    private static final double[] LOWER_VARIANT = {12, 15, 11, 16, 13, 10, 15};

    /** Expected values of one Welch test, in WelchResult's order after the sizes. */
    private record Expected(double meanControl, double meanVariant, double sdControl, double sdVariant,
                            double difference, double t, double df, double pValue, double ciLow, double ciHigh) {
    }

    private static void assertWelch(String name, Expected r, WelchResult actual, int nControl, int nVariant) {
        assertEquals(nControl, actual.nControl(), name + ".nControl");
        assertEquals(nVariant, actual.nVariant(), name + ".nVariant");
        assertR(r.meanControl(), actual.meanControl(), name + ".meanControl");
        assertR(r.meanVariant(), actual.meanVariant(), name + ".meanVariant");
        assertR(r.sdControl(), actual.sdControl(), name + ".sdControl");
        assertR(r.sdVariant(), actual.sdVariant(), name + ".sdVariant");
        assertR(r.difference(), actual.difference(), name + ".difference");
        assertR(r.t(), actual.t(), name + ".t");
        assertR(r.df(), actual.df(), name + ".df");
        assertR(r.pValue(), actual.pValue(), name + ".pValue");
        assertR(r.ciLow(), actual.ciLow(), name + ".ciLow");
        assertR(r.ciHigh(), actual.ciHigh(), name + ".ciHigh");
    }

    @Test
    void welchOnQualityScoresWithUnequalSizesAndVariances() {
        // t.test(quality.variant, quality.control, var.equal = FALSE, conf.level = 0.95); mean(), sd()
        var r = new Expected(0.65625, 0.769090909090909, 0.0552752850997364, 0.0942819755260299,
                0.112840909090909, 3.27106867523343, 16.4400477091982, 0.00466520124573251,
                0.0398700442759791, 0.185811773905839);
        assertWelch("welch.quality", r, TwoSampleTests.welch(QUALITY_CONTROL, QUALITY_VARIANT, 0.95), 8, 11);
    }

    @Test
    void welchDefaultsToA95PercentInterval() {
        // t.test(quality.variant, quality.control, var.equal = FALSE)$conf.int
        WelchResult result = TwoSampleTests.welch(QUALITY_CONTROL, QUALITY_VARIANT);
        assertR(0.0398700442759791, result.ciLow(), "welch.quality.ci[1]");
        assertR(0.185811773905839, result.ciHigh(), "welch.quality.ci[2]");
    }

    @Test
    void welchOnLatencyWithA99PercentInterval() {
        // t.test(latency.variant, latency.control, var.equal = FALSE, conf.level = 0.99)
        var r = new Expected(815.2, 1085.33333333333, 21.7876111586378, 195.013441650165,
                270.133333333333, 4.72818719447726, 11.6402030440531, 0.000532353327664564,
                94.6331177213428, 445.633548945324);
        assertWelch("welch.latency", r, TwoSampleTests.welch(LATENCY_CONTROL, LATENCY_VARIANT, 0.99), 5, 12);
    }

    @Test
    void welchWithAConstantControlHasTheVariantsDegreesOfFreedom() {
        // t.test(constant.variant, constant.control, var.equal = FALSE, conf.level = 0.90)
        var r = new Expected(3, 4.4, 0, 1.14017542509914, 1.4, 2.74562589193458, 4, 0.0516059578111747,
                0.312967163653035, 2.48703283634697);
        assertWelch("welch.constant", r, TwoSampleTests.welch(CONSTANT_CONTROL, CONSTANT_VARIANT, 0.90), 4, 5);
    }

    @Test
    void welchOnCostWhereTheVariantIsCheaper() {
        // t.test(cost.variant, cost.control, var.equal = FALSE, conf.level = 0.95)
        var r = new Expected(0.00455, 0.00414285714285714, 0.000467974358271904, 0.000340867241298539,
                -0.000407142857142858, -1.76687214197882, 9.02606936272989, 0.110956148119267,
                -0.000928185535490526, 0.00011389982120481);
        assertWelch("welch.cost", r, TwoSampleTests.welch(COST_CONTROL, COST_VARIANT, 0.95), 6, 7);
    }

    @Test
    void cohensDPoolsTheVariancesWithNMinusOneWeights() {
        // (mean(v) - mean(c)) / sqrt(((nc - 1) * var(c) + (nv - 1) * var(v)) / (nc + nv - 2)) in reference.R
        assertR(1.40102469671209, TwoSampleTests.cohensD(QUALITY_CONTROL, QUALITY_VARIANT), "welch.quality.cohensD");
        assertR(1.61391078084843, TwoSampleTests.cohensD(LATENCY_CONTROL, LATENCY_VARIANT), "welch.latency.cohensD");
        assertR(-1.00868798964628, TwoSampleTests.cohensD(COST_CONTROL, COST_VARIANT), "welch.cost.cohensD");
    }

    @Test
    void mannWhitneyOnTiedRatings() {
        // wilcox.test(ratings.control, ratings.variant, exact = FALSE, correct = TRUE); z as wilcox.test computes it
        MannWhitneyResult result = TwoSampleTests.mannWhitney(RATINGS_CONTROL, RATINGS_VARIANT);
        assertR(25.5, result.w(), "mw.ratings.w");
        assertR(-1.85805205813206, result.z(), "mw.ratings.z");
        assertR(0.0631616220050709, result.pValue(), "mw.ratings.pValue");
    }

    @Test
    void mannWhitneyOnSkewedScoresWithATieAcrossGroups() {
        // wilcox.test(skewed.control, skewed.variant, exact = FALSE, correct = TRUE)
        MannWhitneyResult result = TwoSampleTests.mannWhitney(SKEWED_CONTROL, SKEWED_VARIANT);
        assertR(6, result.w(), "mw.skewed.w");
        assertR(-1.56618392877894, result.z(), "mw.skewed.z");
        assertR(0.117305564012087, result.pValue(), "mw.skewed.pValue");
    }

    @Test
    void mannWhitneyWhenTheVariantRanksLower() {
        // wilcox.test(lower.control, lower.variant, exact = FALSE, correct = TRUE)
        MannWhitneyResult result = TwoSampleTests.mannWhitney(LOWER_CONTROL, LOWER_VARIANT);
        assertR(51, result.w(), "mw.lower.w");
        assertR(2.61321868019184, result.z(), "mw.lower.z");
        assertR(0.008969389134836, result.pValue(), "mw.lower.pValue");
    }

    @Test
    void mannWhitneyOnIdenticalGroupsMakesNoContinuityCorrection() {
        // wilcox.test(c(1, 2, 3, 4), c(1, 2, 3, 4), exact = FALSE, correct = TRUE)
        MannWhitneyResult result = TwoSampleTests.mannWhitney(new double[] {1, 2, 3, 4}, new double[] {1, 2, 3, 4});
        assertR(8, result.w(), "mw.same.w");
        assertR(0, result.z(), "mw.same.z");
        assertR(1, result.pValue(), "mw.same.pValue");
    }

    @Test
    void mannWhitneyOnLargeSamplesCountsThePairsExactly() {
        // W counts the (control, variant) pairs with control > variant (ties 1/2). Control 0, 2, ...,
        // 99,998 against variant 1, 3, ..., 99,999: the control value 2k exceeds k variant values, so
        // W = 0 + 1 + ... + 49,999 = 49,999 * 50,000 / 2 (past the int range of nc * (nc + 1)).
        double[] even = IntStream.range(0, 50_000).mapToDouble(k -> 2.0 * k).toArray();
        double[] odd = IntStream.range(0, 50_000).mapToDouble(k -> 2.0 * k + 1).toArray();
        assertEquals(1_249_975_000.0, TwoSampleTests.mannWhitney(even, odd).w());
        // Variant entirely above: no pair counts, W = 0; without ties sigma = sqrt(nc nv (n + 1) / 12).
        double[] above = IntStream.range(0, 50_000).mapToDouble(k -> 100_000.0 + k).toArray();
        MannWhitneyResult apart = TwoSampleTests.mannWhitney(even, above);
        assertEquals(0.0, apart.w());
        double sigma = Math.sqrt(50_000.0 * 50_000.0 * 100_001.0 / 12.0);
        assertEquals((0.5 - 50_000.0 * 50_000.0 / 2) / sigma, apart.z(), 1e-9);
    }

    static Stream<Arguments> refusals() {
        double[] two = {1, 2};
        return Stream.of(
                Arguments.of("welch: a control of one value", "control",
                        (Executable) () -> TwoSampleTests.welch(new double[] {1}, two, 0.95)),
                Arguments.of("welch: a variant of one value", "variant",
                        (Executable) () -> TwoSampleTests.welch(two, new double[] {1}, 0.95)),
                Arguments.of("welch: a null control", "control",
                        (Executable) () -> TwoSampleTests.welch(null, two, 0.95)),
                Arguments.of("welch: NaN in the variant", "variant[1]",
                        (Executable) () -> TwoSampleTests.welch(two, new double[] {1, Double.NaN}, 0.95)),
                Arguments.of("welch: infinity in the control", "control[0]",
                        (Executable) () -> TwoSampleTests.welch(new double[] {Double.POSITIVE_INFINITY, 1}, two, 0.95)),
                Arguments.of("welch: both groups constant", "zero variance",
                        (Executable) () -> TwoSampleTests.welch(new double[] {2, 2, 2}, new double[] {3, 3}, 0.95)),
                Arguments.of("welch: confidence 1", "confidence",
                        (Executable) () -> TwoSampleTests.welch(two, new double[] {2, 4}, 1.0)),
                Arguments.of("welch: confidence 0", "confidence",
                        (Executable) () -> TwoSampleTests.welch(two, new double[] {2, 4}, 0.0)),
                Arguments.of("welch: confidence NaN", "confidence",
                        (Executable) () -> TwoSampleTests.welch(two, new double[] {2, 4}, Double.NaN)),
                Arguments.of("mannWhitney: an empty control", "control",
                        (Executable) () -> TwoSampleTests.mannWhitney(new double[0], two)),
                Arguments.of("mannWhitney: an empty variant", "variant",
                        (Executable) () -> TwoSampleTests.mannWhitney(two, new double[0])),
                Arguments.of("mannWhitney: NaN in the control", "control[0]",
                        (Executable) () -> TwoSampleTests.mannWhitney(new double[] {Double.NaN}, two)),
                Arguments.of("mannWhitney: every value tied", "tied",
                        (Executable) () -> TwoSampleTests.mannWhitney(new double[] {5, 5}, new double[] {5, 5, 5})),
                Arguments.of("cohensD: a variant of one value", "variant",
                        (Executable) () -> TwoSampleTests.cohensD(two, new double[] {3})),
                Arguments.of("cohensD: both groups constant", "zero variance",
                        (Executable) () -> TwoSampleTests.cohensD(new double[] {1, 1}, new double[] {4, 4})));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void badInputIsRefusedNamingTheArgument(String description, String named, Executable call) {
        IllegalArgumentException refusal = assertThrows(IllegalArgumentException.class, call);
        assertTrue(refusal.getMessage().contains(named), () -> "the message should name " + named + ": " + refusal.getMessage());
    }
}
