package io.promptwatch.alerting.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The status bounds of SPEC §4 / seed 002 ("well_calibrated (&lt; 0.05) / minor_drift (&lt; 0.15)") and the
 * drift unit. Every expected value is a hand computation written beside it; the deltas are passed
 * as exact decimal literals so that a bound is met exactly (0.92 − 0.87 in doubles is 0.05000000000000004).
 */
class CalibrationStatusTest {

    static final double WELL = 0.05;
    static final double MINOR = 0.15;

    @Test
    void belowTheFirstBoundIsWellCalibrated() {
        assertEquals(CalibrationStatus.WELL_CALIBRATED, CalibrationStatus.of(0.0, WELL, MINOR));
        assertEquals(CalibrationStatus.WELL_CALIBRATED, CalibrationStatus.of(0.049, WELL, MINOR));
        assertEquals(CalibrationStatus.WELL_CALIBRATED, CalibrationStatus.of(-0.049, WELL, MINOR));
    }

    @Test
    void exactlyOnABoundIsTheWorseStatus() {
        // "< 0.05" is well calibrated, so 0.05 itself is not; likewise "< 0.15" for minor drift.
        assertEquals(CalibrationStatus.MINOR_DRIFT, CalibrationStatus.of(0.05, WELL, MINOR));
        assertEquals(CalibrationStatus.MINOR_DRIFT, CalibrationStatus.of(-0.05, WELL, MINOR));
        assertEquals(CalibrationStatus.SIGNIFICANT_DRIFT, CalibrationStatus.of(0.15, WELL, MINOR));
        assertEquals(CalibrationStatus.SIGNIFICANT_DRIFT, CalibrationStatus.of(-0.15, WELL, MINOR));
    }

    @Test
    void betweenAndBeyondTheBounds() {
        assertEquals(CalibrationStatus.MINOR_DRIFT, CalibrationStatus.of(0.1, WELL, MINOR));
        assertEquals(CalibrationStatus.MINOR_DRIFT, CalibrationStatus.of(0.149, WELL, MINOR));
        assertEquals(CalibrationStatus.SIGNIFICANT_DRIFT, CalibrationStatus.of(-0.4, WELL, MINOR));
        // Other bounds (settings): 0.02 / 0.04.
        assertEquals(CalibrationStatus.SIGNIFICANT_DRIFT, CalibrationStatus.of(0.04, 0.02, 0.04));
    }

    @Test
    void noDeltaNoStatus() {
        assertNull(CalibrationStatus.of(null, WELL, MINOR));
        assertNull(CalibrationStatus.of(Double.NaN, WELL, MINOR));
    }

    @Test
    void driftIsTheDistanceInWellCalibratedTolerances() {
        // |0.87 − 0.7| / 0.05 = 0.17 / 0.05 = 3.4
        assertEquals(3.4, CalibrationStatus.drift(0.87, 0.7, WELL), 1e-12);
        // |0.87 − 0.9| / 0.05 = 0.03 / 0.05 = 0.6
        assertEquals(0.6, CalibrationStatus.drift(0.87, 0.9, WELL), 1e-12);
        // The shipped rule "calibration_drift > 2.0" at the default bound: 2.0 × 0.05 = a delta of 0.10,
        // between minor (0.05) and significant (0.15) drift.
        assertEquals(2.0, CalibrationStatus.drift(0.8, 0.7, WELL), 1e-12);
        assertEquals(CalibrationStatus.MINOR_DRIFT, CalibrationStatus.of(0.1, WELL, MINOR));
        // |0.5 − 0.6| / 0.02 = 5
        assertEquals(5.0, CalibrationStatus.drift(0.5, 0.6, 0.02), 1e-12);
    }

    @Test
    void noDriftWithoutBothFigures() {
        assertNull(CalibrationStatus.drift(null, 0.9, WELL));
        assertNull(CalibrationStatus.drift(0.87, null, WELL));
    }

    @Test
    void boundsThatCannotOrderTheStatusesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> CalibrationStatus.of(0.1, 0.15, 0.05));
        assertThrows(IllegalArgumentException.class, () -> CalibrationStatus.of(0.1, 0.0, 0.05));
        assertThrows(IllegalArgumentException.class, () -> CalibrationStatus.drift(0.8, 0.7, 0.0));
    }

    @Test
    void jsonWords() {
        assertEquals("well_calibrated", CalibrationStatus.WELL_CALIBRATED.label());
        assertEquals("minor_drift", CalibrationStatus.MINOR_DRIFT.label());
        assertEquals("significant_drift", CalibrationStatus.SIGNIFICANT_DRIFT.label());
    }
}
