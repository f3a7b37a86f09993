package io.promptwatch.alerting.entity;

/**
 * How far a version's observed average quality lies from the quality its baseline predicted
 * (seed 002's "Calibration Status"). The bounds are settings
 * ({@code promptwatch.alerting.calibration.well-calibrated} and {@code .minor-drift}); a distance
 * exactly on a bound belongs to the worse status, as "&lt; 0.05" and "&lt; 0.15" read.
 */
public enum CalibrationStatus {
    WELL_CALIBRATED, MINOR_DRIFT, SIGNIFICANT_DRIFT;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The status of a {@code delta} (observed − predicted) by its absolute value: below
     * {@code wellCalibrated} well calibrated, below {@code minorDrift} minor drift, else significant
     * drift; {@code null} without a delta (no baseline or no scores), never a guess.
     */
    public static CalibrationStatus of(Double delta, double wellCalibrated, double minorDrift) {
        checkBounds(wellCalibrated, minorDrift);
        if (delta == null || delta.isNaN()) {
            return null;
        }
        double distance = Math.abs(delta);
        if (distance < wellCalibrated) {
            return WELL_CALIBRATED;
        }
        return distance < minorDrift ? MINOR_DRIFT : SIGNIFICANT_DRIFT;
    }

    /**
     * The drift figure the {@code calibration_drift} rule compares: |observed − predicted| in units of
     * the well-calibrated tolerance, {@code null} when either input is missing.
     * <p>
     * Why this unit: seed 002 gives both the status bounds (0.05 / 0.15 on the quality scale) and
     * the shipped rule "calibration drift &gt; 2.0". On the raw scale 2.0 could never be exceeded
     * (qualities lie in 0..1), so the rule would be dead. Measured in tolerances it reads "twice as
     * far off as a well-calibrated version may be": with the default bound 0.05 it fires at a delta
     * above 0.10, between minor (0.05) and significant (0.15) drift, and it follows the setting when
     * an operator tightens or loosens the bound.
     */
    public static Double drift(Double observed, Double predicted, double wellCalibratedBound) {
        if (!(wellCalibratedBound > 0)) {
            throw new IllegalArgumentException("the well-calibrated bound must be positive; got " + wellCalibratedBound);
        }
        if (observed == null || predicted == null || observed.isNaN() || predicted.isNaN()) {
            return null;
        }
        return Math.abs(observed - predicted) / wellCalibratedBound;
    }

    /** Refuses bounds that cannot order the three statuses (a misconfiguration, not a request's fault). */
    public static void checkBounds(double wellCalibrated, double minorDrift) {
        if (!(wellCalibrated > 0) || !(minorDrift > wellCalibrated)) {
            throw new IllegalArgumentException("calibration bounds need 0 < well-calibrated < minor-drift; got "
                    + wellCalibrated + " and " + minorDrift);
        }
    }
}
