package io.promptwatch.alerting.entity;

/**
 * How far a version's observed quality is from the quality its specification predicted. The drift
 * is the delta in units of the well-calibrated tolerance: seed 002 gives both status bounds (0.05,
 * 0.15) and a rule "calibration drift > 2.0", which agree when 2.0 means a delta of 0.10.
 */
public enum CalibrationStatus {
    WELL_CALIBRATED, MINOR_DRIFT, SIGNIFICANT_DRIFT;

    /** |observed − predicted| / wellCalibratedBound, {@code null} when either is unknown. */
    public static Double drift(Double observed, Double predicted, double wellCalibratedBound) {
        return observed == null || predicted == null ? null : Math.abs(observed - predicted) / wellCalibratedBound;
    }
}
