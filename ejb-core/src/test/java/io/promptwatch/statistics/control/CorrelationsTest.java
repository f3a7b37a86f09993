package io.promptwatch.statistics.control;

import static io.promptwatch.statistics.control.RReference.assertR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Pearson and Spearman against R 4.2.2 (reference-correlation.R, sections "Pearson" and "Spearman"). */
class CorrelationsTest {

    // the data sets of reference-correlation.R, literally
    private static final double[] CALLS_TOKENS = {220, 480, 310, 905, 150, 660, 720, 395, 1010, 540, 275, 830};
    private static final double[] CALLS_LATENCY = {640, 1180, 790, 2110, 520, 1490, 1720, 1010, 2380, 1260, 700, 1900};
    private static final double[] RUNS_TEMPERATURE = {0.0, 0.2, 0.3, 0.5, 0.7, 0.7, 0.9, 1.0, 1.2, 1.4};
    private static final double[] RUNS_QUALITY = {0.81, 0.84, 0.78, 0.80, 0.72, 0.79, 0.70, 0.74, 0.66, 0.71};
    private static final double[] WEAK_X = {3.1, 4.7, 2.2, 5.9, 4.1, 3.8, 5.2, 2.9};
    private static final double[] WEAK_Y = {10.2, 9.1, 11.4, 10.8, 8.7, 10.9, 9.9, 10.1};

    private static final double[] RATED_DIFFICULTY = {1, 2, 2, 3, 3, 3, 4, 4, 5, 5, 1, 2, 3, 4, 5};
    private static final double[] RATED_QUALITY = {0.91, 0.88, 0.80, 0.84, 0.77, 0.80, 0.69, 0.74, 0.61, 0.70, 0.86,
            0.83, 0.72, 0.66, 0.64};
    private static final double[] NO_TIES_X = {220, 480, 310, 905, 150, 660, 720, 395, 1010, 540}; // calls.tokens[1:10]
    private static final double[] NO_TIES_Y = {5.2, 7.9, 4.1, 9.3, 6.0, 8.8, 6.4, 7.1, 9.9, 5.5};
    private static final double[] TIED_X = {2, 2, 3, 1, 4, 4, 4, 5, 3, 1, 2, 5};
    private static final double[] TIED_Y = {7, 5, 5, 6, 8, 5, 7, 6, 6, 8, 7, 5};

    private static void assertPearson(String name, PearsonResult actual, int n, double r, double t, double df,
                                      double pValue, double ciLow, double ciHigh) {
        assertEquals(n, actual.n(), name + ".n");
        assertR(r, actual.r(), name + ".r");
        assertR(t, actual.t(), name + ".t");
        assertR(df, actual.df(), name + ".df");
        assertR(pValue, actual.pValue(), name + ".pValue");
        assertR(ciLow, actual.ciLow(), name + ".ci[1]");
        assertR(ciHigh, actual.ciHigh(), name + ".ci[2]");
    }

    @Test
    void pearsonOnLatencyAgainstTokensWithATinyPValue() {
        // cor.test(calls.tokens, calls.latency, method = "pearson", conf.level = 0.95)
        assertPearson("pearson.latencyTokens", Correlations.pearson(CALLS_TOKENS, CALLS_LATENCY, 0.95), 12,
                0.997739656709288, 46.9527017483366, 10, 4.62898507873688e-13, 0.991676194186969, 0.999387558231595);
    }

    @Test
    void pearsonOnANegativeRelationWithA90PercentInterval() {
        // cor.test(runs.temperature, runs.quality, method = "pearson", conf.level = 0.90)
        assertPearson("pearson.qualityTemperature", Correlations.pearson(RUNS_TEMPERATURE, RUNS_QUALITY, 0.90), 10,
                -0.839823404184108, -4.37567812256603, 8, 0.00236243074302434, -0.951012587169823, -0.53625050727118);
    }

    @Test
    void pearsonOnAWeakRelationWithA99PercentInterval() {
        // cor.test(weak.x, weak.y, method = "pearson", conf.level = 0.99)
        assertPearson("pearson.weak", Correlations.pearson(WEAK_X, WEAK_Y, 0.99), 8,
                -0.294045552190416, -0.753576103433197, 6, 0.479620250849835, -0.896664363968287, 0.690524138893882);
    }

    @Test
    void pearsonIsSymmetricInItsArguments() {
        PearsonResult forward = Correlations.pearson(WEAK_X, WEAK_Y, 0.99);
        PearsonResult backward = Correlations.pearson(WEAK_Y, WEAK_X, 0.99);
        assertR(forward.r(), backward.r(), "r(y, x)");
        assertR(forward.pValue(), backward.pValue(), "p(y, x)");
    }

    @Test
    void pearsonWithThreePairsHasATestButNoInterval() {
        // cor.test(c(1, 2, 3), c(2, 1, 4), method = "pearson", conf.level = 0.95): R's conf.int is NULL
        PearsonResult result = Correlations.pearson(new double[] {1, 2, 3}, new double[] {2, 1, 4}, 0.95);
        assertEquals(3, result.n());
        assertR(0.654653670707977, result.r(), "pearson.three.r");
        assertR(0.866025403784438, result.t(), "pearson.three.t");
        assertR(1, result.df(), "pearson.three.df");
        assertR(0.54562894834299, result.pValue(), "pearson.three.pValue");
        assertTrue(Double.isNaN(result.ciLow()) && Double.isNaN(result.ciHigh()), "no interval for n = 3: " + result);
    }

    @Test
    void spearmanOnATiedDifficultyRating() {
        // cor.test(rated.difficulty, rated.quality, method = "spearman", exact = FALSE)
        SpearmanResult result = Correlations.spearman(RATED_DIFFICULTY, RATED_QUALITY);
        assertEquals(15, result.n());
        assertR(-0.904379297179177, result.rho(), "spearman.difficultyQuality.rho");
        assertR(1066.45240642034, result.s(), "spearman.difficultyQuality.s");
        assertR(3.68135486780397e-06, result.pValue(), "spearman.difficultyQuality.pValue");
    }

    @Test
    void spearmanWithoutTies() {
        // cor.test(calls.tokens[1:10], c(5.2, 7.9, ...), method = "spearman", exact = FALSE)
        SpearmanResult result = Correlations.spearman(NO_TIES_X, NO_TIES_Y);
        assertEquals(10, result.n());
        assertR(0.757575757575757, result.rho(), "spearman.noTies.rho");
        assertR(40, result.s(), "spearman.noTies.s");
        assertR(0.0111434467996942, result.pValue(), "spearman.noTies.pValue");
    }

    @Test
    void spearmanWithTiesInBothVariables() {
        // cor.test(tied.x, tied.y, method = "spearman", exact = FALSE)
        SpearmanResult result = Correlations.spearman(TIED_X, TIED_Y);
        assertEquals(12, result.n());
        assertR(-0.28600901671775, result.rho(), "spearman.tiedBoth.rho");
        assertR(367.798578781277, result.s(), "spearman.tiedBoth.s");
        assertR(0.367482311156468, result.pValue(), "spearman.tiedBoth.pValue");
    }

    @Test
    void spearmanSeesAMonotoneButCurvedRelationAsPerfect() {
        // cor.test(c(1, 2, 3, 4, 5, 6), c(1, 4, 9, 16, 25, 36), method = "spearman", exact = FALSE)
        SpearmanResult result = Correlations.spearman(new double[] {1, 2, 3, 4, 5, 6}, new double[] {1, 4, 9, 16, 25, 36});
        assertR(1, result.rho(), "spearman.monotone.rho");
        assertR(0, result.s(), "spearman.monotone.s");
        assertR(0, result.pValue(), "spearman.monotone.pValue");
    }

    @Test
    void averageRanksShareTheRankOfTies() {
        // rank(c(2, 2, 3, 1, 4, 4, 4, 5, 3, 1, 2, 5))
        assertR(new double[] {4, 4, 6.5, 1.5, 9, 9, 9, 11.5, 6.5, 1.5, 4, 11.5}, Correlations.averageRanks(TIED_X), "rank");
    }

    @Test
    void averageRanksFollowTheirDefinitionOnSignedValuesWithTies() {
        // By definition: rank = 1 + #(smaller values) + (#(equal values) - 1) / 2, counted pair by pair;
        // negatives, both zeros (equal), tiny and huge magnitudes, ties, 3,000 values drawn with a seed.
        SplittableRandom random = new SplittableRandom(7);
        double[] pool = {-1e300, -2.5, -1e-300, -0.0, 0.0, 1e-300, 0.1, 3, 3, 1e300};
        double[] x = new double[3000];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextInt(4) == 0 ? pool[random.nextInt(pool.length)] : Math.round(random.nextGaussian() * 50) / 4.0;
        }
        double[] ranks = Correlations.averageRanks(x);
        for (int i = 0; i < x.length; i++) {
            int smaller = 0;
            int equal = 0;
            for (double other : x) {
                smaller += other < x[i] ? 1 : 0;
                equal += other == x[i] ? 1 : 0;
            }
            assertEquals(1 + smaller + (equal - 1) / 2.0, ranks[i], "rank of x[" + i + "] = " + x[i]);
        }
    }

    static Stream<Arguments> refusals() {
        double[] three = {1, 2, 3};
        return Stream.of(
                Arguments.of("pearson: two pairs", "at least 3 pairs",
                        (Executable) () -> Correlations.pearson(new double[] {1, 2}, new double[] {3, 4}, 0.95)),
                Arguments.of("spearman: two pairs", "at least 3 pairs",
                        (Executable) () -> Correlations.spearman(new double[] {1, 2}, new double[] {3, 4})),
                Arguments.of("pearson: different lengths", "same length",
                        (Executable) () -> Correlations.pearson(three, new double[] {1, 2, 3, 4}, 0.95)),
                Arguments.of("spearman: different lengths", "same length",
                        (Executable) () -> Correlations.spearman(new double[] {1, 2, 3, 4}, three)),
                Arguments.of("pearson: NaN in x", "x[1]",
                        (Executable) () -> Correlations.pearson(new double[] {1, Double.NaN, 3}, three, 0.95)),
                Arguments.of("spearman: NaN in y", "y[2]",
                        (Executable) () -> Correlations.spearman(three, new double[] {1, 2, Double.NaN})),
                Arguments.of("pearson: infinity in y", "y[0]",
                        (Executable) () -> Correlations.pearson(three, new double[] {Double.NEGATIVE_INFINITY, 2, 3}, 0.95)),
                Arguments.of("pearson: constant x", "x is constant",
                        (Executable) () -> Correlations.pearson(new double[] {0.7, 0.7, 0.7, 0.7}, new double[] {1, 2, 3, 5}, 0.95)),
                Arguments.of("pearson: constant y", "y is constant",
                        (Executable) () -> Correlations.pearson(new double[] {1, 2, 3, 5}, new double[] {4, 4, 4, 4}, 0.95)),
                Arguments.of("spearman: constant x", "x is constant",
                        (Executable) () -> Correlations.spearman(new double[] {2, 2, 2}, three)),
                Arguments.of("spearman: constant y", "y is constant",
                        (Executable) () -> Correlations.spearman(three, new double[] {9, 9, 9})),
                Arguments.of("pearson: a null x", "x must not be null",
                        (Executable) () -> Correlations.pearson(null, three, 0.95)),
                Arguments.of("spearman: a null y", "y must not be null",
                        (Executable) () -> Correlations.spearman(three, null)),
                Arguments.of("pearson: confidence 1", "confidence",
                        (Executable) () -> Correlations.pearson(three, new double[] {2, 1, 4}, 1.0)),
                Arguments.of("pearson: confidence NaN", "confidence",
                        (Executable) () -> Correlations.pearson(three, new double[] {2, 1, 4}, Double.NaN)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void badInputIsRefusedNamingTheCause(String description, String named, Executable call) {
        IllegalArgumentException refusal = assertThrows(IllegalArgumentException.class, call);
        assertTrue(refusal.getMessage().contains(named), () -> "the message should name " + named + ": " + refusal.getMessage());
    }
}
