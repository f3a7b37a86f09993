package io.promptwatch.statistics.boundary;

import static io.promptwatch.statistics.control.RReference.assertR;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Holm and Benjamini–Hochberg against R 4.2.2's p.adjust (reference.R, section "p-value adjustment"). */
class PValueAdjustmentTest {

    private static final double[] TIES = {0.01, 0.04, 0.03, 0.04, 0.20, 0.002, 0.50, 0.03};
    private static final double[] TEN = {0.041, 0.001, 0.212, 0.008, 0.042, 0.06, 0.039, 0.074, 0.216, 0.205};
    private static final double[] CAPPED = {0.5, 0.9, 0.7, 0.6, 0.8};
    private static final double[] EDGES = {0, 1, 0.02, 0.02, 0.3};

    @Test
    void holmWithTiesInInputOrder() {
        // p.adjust(c(0.01, 0.04, 0.03, 0.04, 0.20, 0.002, 0.50, 0.03), "holm")
        assertR(new double[] {0.07, 0.18, 0.18, 0.18, 0.4, 0.016, 0.5, 0.18}, PValueAdjustment.holm(TIES), "adjust.ties.holm");
    }

    @Test
    void benjaminiHochbergWithTiesInInputOrder() {
        // p.adjust(c(0.01, 0.04, 0.03, 0.04, 0.20, 0.002, 0.50, 0.03), "BH")
        assertR(new double[] {0.04, 0.0533333333333333, 0.0533333333333333, 0.0533333333333333, 0.228571428571429,
                0.016, 0.5, 0.0533333333333333}, PValueAdjustment.benjaminiHochberg(TIES), "adjust.ties.bh");
    }

    @Test
    void holmOnTenUnsortedPValues() {
        // p.adjust(c(0.041, 0.001, 0.212, 0.008, 0.042, 0.06, 0.039, 0.074, 0.216, 0.205), "holm")
        assertR(new double[] {0.312, 0.01, 0.615, 0.072, 0.312, 0.312, 0.312, 0.312, 0.615, 0.615},
                PValueAdjustment.holm(TEN), "adjust.ten.holm");
    }

    @Test
    void benjaminiHochbergOnTenUnsortedPValues() {
        // p.adjust(c(0.041, 0.001, 0.212, 0.008, 0.042, 0.06, 0.039, 0.074, 0.216, 0.205), "BH")
        assertR(new double[] {0.084, 0.01, 0.216, 0.04, 0.084, 0.1, 0.084, 0.105714285714286, 0.216, 0.216},
                PValueAdjustment.benjaminiHochberg(TEN), "adjust.ten.bh");
    }

    @Test
    void largePValuesAreCappedAtOne() {
        // p.adjust(c(0.5, 0.9, 0.7, 0.6, 0.8), "holm") and "BH"
        assertR(new double[] {1, 1, 1, 1, 1}, PValueAdjustment.holm(CAPPED), "adjust.capped.holm");
        assertR(new double[] {0.9, 0.9, 0.9, 0.9, 0.9}, PValueAdjustment.benjaminiHochberg(CAPPED), "adjust.capped.bh");
    }

    @Test
    void zeroAndOneAreValidPValues() {
        // p.adjust(c(0, 1, 0.02, 0.02, 0.3), "holm") and "BH"
        assertR(new double[] {0, 1, 0.08, 0.08, 0.6}, PValueAdjustment.holm(EDGES), "adjust.edges.holm");
        assertR(new double[] {0, 1, 0.0333333333333333, 0.0333333333333333, 0.375},
                PValueAdjustment.benjaminiHochberg(EDGES), "adjust.edges.bh");
    }

    @Test
    void aSinglePValueIsUnchanged() {
        // p.adjust(c(0.03), "holm") and "BH"
        assertR(new double[] {0.03}, PValueAdjustment.holm(new double[] {0.03}), "adjust.single.holm");
        assertR(new double[] {0.03}, PValueAdjustment.benjaminiHochberg(new double[] {0.03}), "adjust.single.bh");
    }

    @Test
    void theInputIsNotModified() {
        double[] input = TEN.clone();
        PValueAdjustment.holm(input);
        PValueAdjustment.benjaminiHochberg(input);
        assertArrayEquals(TEN, input);
    }

    @Test
    void noPValuesAreRefused() {
        var holm = assertThrows(IllegalArgumentException.class, () -> PValueAdjustment.holm(new double[0]));
        assertTrue(holm.getMessage().contains("pValues"), holm.getMessage());
        var bh = assertThrows(IllegalArgumentException.class, () -> PValueAdjustment.benjaminiHochberg(null));
        assertTrue(bh.getMessage().contains("pValues"), bh.getMessage());
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.01, 1.01, Double.NaN, Double.POSITIVE_INFINITY})
    void aValueOutsideTheUnitIntervalIsRefused(double bad) {
        double[] p = {0.01, bad, 0.2};
        var holm = assertThrows(IllegalArgumentException.class, () -> PValueAdjustment.holm(p));
        assertTrue(holm.getMessage().contains("pValues[1]"), holm.getMessage());
        var bh = assertThrows(IllegalArgumentException.class, () -> PValueAdjustment.benjaminiHochberg(p));
        assertTrue(bh.getMessage().contains("pValues[1]"), bh.getMessage());
    }
}
