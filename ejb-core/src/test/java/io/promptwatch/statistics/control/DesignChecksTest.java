package io.promptwatch.statistics.control;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The refusals of rank-deficient designs and separable classes, with the data sets "refuse.*" of
 * reference-correlation.R, met as a caller meets them: through {@link LogisticRegression#fit}, which runs
 * the separation check only where separation is possible (IRLS fails, or fits a row at 0 or 1).
 */
class DesignChecksTest {

    @Test
    void completeSeparationIsRefused() {
        // R: glm.fit: algorithm did not converge | fitted probabilities numerically 0 or 1 occurred
        double[][] rows = {{420, 300}, {610, 820}, {750, 410}, {880, 1200}, {930, 650}, {990, 900}, {1020, 310},
                {1150, 1100}, {1300, 700}, {1480, 450}, {1720, 980}, {2050, 600}};
        int[] success = {1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0};
        var refusal = assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.fit(List.of("latency", "tokens"), rows, success));
        assertTrue(refusal.getMessage().contains("separable"), refusal.getMessage());
    }

    @Test
    void quasiCompleteSeparationIsRefused() {
        // R converges (22 iterations) with the warning "fitted probabilities numerically 0 or 1 occurred"
        double[][] rows = Arrays.stream(new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 0.8, 0.8, 0.9, 1.0, 1.1, 1.2})
                .mapToObj(t -> new double[] {t}).toArray(double[][]::new);
        int[] success = {1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 0, 0, 0};
        var refusal = assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.fit(List.of("temperature"), rows, success));
        assertTrue(refusal.getMessage().contains("separable"), refusal.getMessage());
    }

    @Test
    void separationInTheDirectionOfTwoFeaturesTogetherIsRefused() {
        // neither feature alone separates, but success exactly when x1 + x2 < 10
        double[][] rows = {{1, 2}, {8, 1}, {2, 7}, {4, 4}, {6, 3}, {3, 9}, {9, 2}, {5, 6}, {7, 7}, {2, 9}};
        int[] success = {1, 1, 1, 1, 1, 0, 0, 0, 0, 0};
        var refusal = assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.fit(List.of("x1", "x2"), rows, success));
        assertTrue(refusal.getMessage().contains("separable"), refusal.getMessage());
    }

    @Test
    void aFeatureTwiceAnotherIsRefusedAsRankDeficient() {
        // R reports the coefficient of cost as NA (aliased)
        double[] tokens = {300, 820, 410, 1200, 650, 900, 310, 1100, 700, 450};
        double[][] rows = Arrays.stream(tokens).mapToObj(t -> new double[] {t, 2 * t}).toArray(double[][]::new);
        int[] success = {1, 0, 1, 0, 1, 1, 0, 0, 1, 0};
        var refusal = assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.fit(List.of("tokens", "cost"), rows, success));
        assertTrue(refusal.getMessage().contains("rank-deficient") && refusal.getMessage().contains("'cost'")
                && refusal.getMessage().contains("linear combination"), refusal.getMessage());
    }

    @Test
    void aConstantFeatureIsRefusedAsRankDeficient() {
        // R reports the coefficient of temperature as NA (aliased with the intercept)
        double[] latency = {420, 610, 750, 880, 930, 990, 1020, 1150, 1300, 1480};
        double[][] rows = Arrays.stream(latency).mapToObj(l -> new double[] {l, 0.7}).toArray(double[][]::new);
        int[] success = {1, 0, 1, 1, 0, 1, 0, 1, 0, 0};
        var refusal = assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.fit(List.of("latency", "temperature"), rows, success));
        assertTrue(refusal.getMessage().contains("rank-deficient") && refusal.getMessage().contains("'temperature'")
                && refusal.getMessage().contains("constant"), refusal.getMessage());
    }

    @Test
    void aFeatureThatIsASumOfOthersIsRefused() {
        // total = prompt + completion tokens, and so not identifiable beside them
        double[][] rows = IntStream.range(0, 12)
                .mapToObj(i -> new double[] {100 + 37 * i % 90, 50 + 53 * i % 70, 150 + 37 * i % 90 + 53 * i % 70})
                .toArray(double[][]::new);
        int[] success = {1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 1, 0};
        var refusal = assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.fit(List.of("prompt", "completion", "total"), rows, success));
        assertTrue(refusal.getMessage().contains("'total'") && refusal.getMessage().contains("rank-deficient"),
                refusal.getMessage());
    }

}
