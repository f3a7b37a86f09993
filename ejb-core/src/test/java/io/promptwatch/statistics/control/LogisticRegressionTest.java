package io.promptwatch.statistics.control;

import static io.promptwatch.statistics.control.RReference.ITERATIVE;
import static io.promptwatch.statistics.control.RReference.assertR;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Logistic regression and prediction, with the hold-out split and the AUC of its predictions, against
 * R 4.2.2 (reference-correlation.R, section "Logistic regression"). The fit is iterative: 1e-6 relative.
 */
class LogisticRegressionTest {

    private static final List<String> CALL_FEATURES = List.of("latency", "tokens", "temperature");
    private static final List<String> CALL_TERMS = List.of("(Intercept)", "latency", "tokens", "temperature");

    private static final double[] LATENCY = ReferenceCalls.LATENCY;
    private static final double[] TOKENS = ReferenceCalls.TOKENS;
    private static final double[] TEMPERATURE = ReferenceCalls.TEMPERATURE;
    private static final int[] SUCCESS = ReferenceCalls.SUCCESS;
    private static final double[][] CALLS = IntStream.range(0, SUCCESS.length)
            .mapToObj(i -> new double[] {LATENCY[i], TOKENS[i], TEMPERATURE[i]})
            .toArray(double[][]::new);

    // the data frame "rated" of reference-correlation.R: difficulty 1..5 and success of 20 executions
    private static final double[][] RATED = Arrays.stream(new double[] {1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 3, 4, 4, 4, 4,
            5, 5, 5, 5}).mapToObj(d -> new double[] {d}).toArray(double[][]::new);
    private static final int[] RATED_SUCCESS = {1, 1, 0, 1, 1, 1, 0, 1, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0};

    /** Expected values of one fit, from R's summary(glm(success ~ ., family = binomial)). */
    private record Expected(double[] coefficients, double[] standardErrors, double[] z, double[] pValues,
                            int iterations, double deviance, double nullDeviance, double aic) {
    }

    private static void assertModel(String name, Expected r, LogisticModel actual) {
        assertArrayR(r.coefficients(), actual.coefficients(), name + ".coefficients");
        assertArrayR(r.standardErrors(), actual.standardErrors(), name + ".standardErrors");
        assertArrayR(r.z(), actual.z(), name + ".z");
        assertArrayR(r.pValues(), actual.pValues(), name + ".pValues");
        assertEquals(r.iterations(), actual.iterations(), name + ".iterations");
        assertR(r.deviance(), actual.deviance(), ITERATIVE, name + ".deviance");
        assertR(r.nullDeviance(), actual.nullDeviance(), ITERATIVE, name + ".nullDeviance");
        assertR(r.aic(), actual.aic(), ITERATIVE, name + ".aic");
    }

    private static void assertArrayR(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            assertR(expected[i], actual[i], ITERATIVE, what + "[" + i + "]");
        }
    }

    private static double[][] rows(double[][] all, int[] indices) {
        return Arrays.stream(indices).mapToObj(i -> all[i]).toArray(double[][]::new);
    }

    private static int[] labels(int[] all, int[] indices) {
        return Arrays.stream(indices).map(i -> all[i]).toArray();
    }

    @Test
    void fitsSuccessOnLatencyTokensAndTemperatureAsGlm() {
        // summary(glm(success ~ latency + tokens + temperature, family = binomial, data = calls))
        LogisticModel model = LogisticRegression.fit(CALL_FEATURES, CALLS, SUCCESS);
        assertEquals(CALL_TERMS, model.terms());
        assertModel("logistic.calls", new Expected(
                new double[] {5.52003804441768, -0.0031494405979215, -0.000915381818362741, -1.38098064571525},
                new double[] {1.75627120150255, 0.00103537336086206, 0.000790246597708589, 1.10632909215326},
                new double[] {3.14304421759868, -3.04184047704226, -1.158349584822, -1.24825484162893},
                new double[] {0.00167200580364609, 0.00235136471866506, 0.246721404048334, 0.211937746016135},
                5, 47.117273235357, 68.5929800252373, 55.117273235357), model);
        assertR(-0.0031494405979215, model.coefficient("latency"), ITERATIVE, "coefficient(latency)");
    }

    @Test
    void predictsProbabilitiesForNewExecutionsAsPredictGlm() {
        // predict(calls.fit, newdata = calls.new, type = "response")
        LogisticModel model = LogisticRegression.fit(CALL_FEATURES, CALLS, SUCCESS);
        double[][] fresh = {{500, 300, 0.2}, {1200, 900, 0.7}, {2500, 1500, 1.0}, {1500, 200, 0}};
        assertArrayR(new double[] {0.967532425981751, 0.487547385217835, 0.00601409692437623, 0.648579433709171},
                LogisticRegression.predict(model, fresh), "logistic.calls.predict");
    }

    @Test
    void aucOfTheFittedProbabilities() {
        // wilcox.test(fitted(calls.fit)[success == 1], fitted(calls.fit)[success == 0])$statistic / (22 * 28)
        LogisticModel model = LogisticRegression.fit(CALL_FEATURES, CALLS, SUCCESS);
        double auc = RocAuc.of(LogisticRegression.predict(model, CALLS), SUCCESS);
        assertR(0.839285714285714, auc, "logistic.calls.fittedAuc");
    }

    @Test
    void fitsOnTheTrainingPartAndScoresTheHeldOutPart() {
        // holdout.test = split(50, 0.3, 7).test() + 1 in R; glm on calls[-holdout.test, ], AUC and accuracy on the rest
        HoldOutSplit split = HoldOutSplit.of(50, 0.3, 7L);
        assertArrayEquals(new int[] {5, 6, 7, 11, 16, 17, 23, 24, 26, 34, 36, 37, 40, 43, 47}, split.test());
        LogisticModel model = LogisticRegression.fit(CALL_FEATURES, rows(CALLS, split.train()), labels(SUCCESS, split.train()));
        assertModel("logistic.holdout", new Expected(
                new double[] {4.70076053004756, -0.00280045978713526, -0.000948487120531629, -0.988245053288483},
                new double[] {2.09088114072759, 0.00112782165134671, 0.000967372398705396, 1.35338780453566},
                new double[] {2.24821987174832, -2.48306971566939, -0.980477757894436, -0.730200944604745},
                new double[] {0.0245621731559394, 0.0130255592486244, 0.326850343498869, 0.465267365252785},
                5, 34.9316068642667, 46.1798130624931, 42.9316068642667), model);
        double[] scores = LogisticRegression.predict(model, rows(CALLS, split.test()));
        int[] truth = labels(SUCCESS, split.test());
        assertR(0.87037037037037, RocAuc.of(scores, truth), ITERATIVE, "logistic.holdout.testAuc");
        long correct = IntStream.range(0, truth.length).filter(i -> (scores[i] > 0.5) == (truth[i] == 1)).count();
        assertEquals(0.8, correct / (double) truth.length, 1e-15, "logistic.holdout.testAccuracy");
    }

    @Test
    void fitsASingleTiedFeature() {
        // summary(glm(success ~ difficulty, family = binomial, data = rated))
        LogisticModel model = LogisticRegression.fit(List.of("difficulty"), RATED, RATED_SUCCESS);
        assertEquals(List.of("(Intercept)", "difficulty"), model.terms());
        assertModel("logistic.difficulty", new Expected(
                new double[] {1.90869061424197, -0.615001434133543},
                new double[] {1.29488563729686, 0.386505544169251},
                new double[] {1.47402253856677, -1.59118399053089},
                new double[] {0.140475522845312, 0.111568174725027},
                4, 24.7990566789026, 27.7258872223978, 28.7990566789026), model);
        // predict(rated.fit, newdata = data.frame(difficulty = c(0, 3, 6)), type = "response")
        assertArrayR(new double[] {0.870871973705996, 0.515916198719994, 0.144140465243021},
                LogisticRegression.predict(model, new double[][] {{0}, {3}, {6}}), "logistic.difficulty.predict");
        // wilcox.test(fitted(rated.fit)[success == 1], fitted(rated.fit)[success == 0])$statistic / (10 * 10)
        assertR(0.715, RocAuc.of(LogisticRegression.predict(model, RATED), RATED_SUCCESS), ITERATIVE,
                "logistic.difficulty.fittedAuc");
    }

    @Test
    void theModelCannotBeChangedThroughItsArrays() {
        LogisticModel model = LogisticRegression.fit(List.of("difficulty"), RATED, RATED_SUCCESS);
        model.coefficients()[1] = 100;
        assertR(-0.615001434133543, model.coefficients()[1], ITERATIVE, "coefficient after outside write");
    }

    static Stream<Arguments> refusals() {
        double[][] rows = {{1}, {2}, {3}, {4}};
        int[] y = {1, 0, 1, 0};
        LogisticModel model = LogisticRegression.fit(List.of("difficulty"), RATED, RATED_SUCCESS);
        return Stream.of(
                Arguments.of("fit: y of 2", "y[2] must be 0 or 1",
                        (Executable) () -> LogisticRegression.fit(List.of("x"), rows, new int[] {1, 0, 2, 0})),
                Arguments.of("fit: y of -1", "y[0] must be 0 or 1",
                        (Executable) () -> LogisticRegression.fit(List.of("x"), rows, new int[] {-1, 0, 1, 0})),
                Arguments.of("fit: only successes", "only one class",
                        (Executable) () -> LogisticRegression.fit(List.of("x"), rows, new int[] {1, 1, 1, 1})),
                Arguments.of("fit: only failures", "only one class",
                        (Executable) () -> LogisticRegression.fit(List.of("x"), rows, new int[] {0, 0, 0, 0})),
                Arguments.of("fit: fewer labels than rows", "one per row",
                        (Executable) () -> LogisticRegression.fit(List.of("x"), rows, new int[] {1, 0, 1})),
                Arguments.of("fit: rows of different length", "rows[2]",
                        (Executable) () -> LogisticRegression.fit(List.of("x"), new double[][] {{1}, {2}, {3, 4}, {5}}, y)),
                Arguments.of("fit: a row shorter than the names", "rows[0]",
                        (Executable) () -> LogisticRegression.fit(List.of("x", "z"), rows, y)),
                Arguments.of("fit: NaN in a row", "rows[1][0]",
                        (Executable) () -> LogisticRegression.fit(List.of("x"), new double[][] {{1}, {Double.NaN}, {3}, {4}}, y)),
                Arguments.of("fit: a repeated name", "used twice",
                        (Executable) () -> LogisticRegression.fit(List.of("x", "x"), new double[][] {{1, 1}, {2, 2}}, new int[] {0, 1})),
                Arguments.of("fit: the intercept's name", "reserved",
                        (Executable) () -> LogisticRegression.fit(List.of("(Intercept)"), rows, y)),
                Arguments.of("fit: no rows", "empty",
                        (Executable) () -> LogisticRegression.fit(List.of("x"), new double[0][], new int[0])),
                Arguments.of("fit: more coefficients than rows", "rank-deficient",
                        (Executable) () -> LogisticRegression.fit(List.of("a", "b"), new double[][] {{1, 5}, {2, 3}}, new int[] {0, 1})),
                Arguments.of("predict: a row of the wrong length", "rows[1]",
                        (Executable) () -> LogisticRegression.predict(model, new double[][] {{1}, {1, 2}})),
                Arguments.of("predict: no model", "model",
                        (Executable) () -> LogisticRegression.predict(null, rows)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void badInputIsRefusedNamingTheCause(String description, String named, Executable call) {
        IllegalArgumentException refusal = assertThrows(IllegalArgumentException.class, call);
        assertTrue(refusal.getMessage().contains(named), () -> "the message should name " + named + ": " + refusal.getMessage());
    }
}
