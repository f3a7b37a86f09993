package io.promptwatch.statistics.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Comparing with values printed by {@code src/test/resources/statistics/reference.R} (output in
 * {@code reference-output.txt}): a relative tolerance of 1e-9 for closed forms and 1e-6 for iterative
 * results (the noncentral t series and sample-size root finding).
 */
public final class RReference {

    public static final double CLOSED_FORM = 1e-9;
    public static final double ITERATIVE = 1e-6;

    private RReference() {
    }

    /** |actual − expected| ≤ tolerance·|expected|; an expected 0 is met within tolerance absolutely. */
    public static void assertR(double expected, double actual, double tolerance, String what) {
        double allowed = expected == 0 ? tolerance : tolerance * Math.abs(expected);
        assertTrue(Math.abs(actual - expected) <= allowed,
                () -> what + ": R gives " + expected + ", got " + actual + " (relative error "
                        + Math.abs(actual - expected) / Math.abs(expected) + ", allowed " + tolerance + ")");
    }

    public static void assertR(double expected, double actual, String what) {
        assertR(expected, actual, CLOSED_FORM, what);
    }

    public static void assertR(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            assertR(expected[i], actual[i], CLOSED_FORM, what + "[" + i + "]");
        }
    }
}
