package io.promptwatch.statistics.control;

/** Cohen's conventional reading of a standardised effect (d or h): below 0.2, 0.5, 0.8, or larger. */
public enum Magnitude {
    NEGLIGIBLE, SMALL, MEDIUM, LARGE;

    /**
     * The magnitude of an effect size; the sign is ignored, so −0.6 is {@link #MEDIUM}.
     *
     * @throws IllegalArgumentException if the effect is NaN
     */
    public static Magnitude of(double absoluteEffect) {
        if (Double.isNaN(absoluteEffect)) {
            throw new IllegalArgumentException("absoluteEffect must be a number, was NaN");
        }
        double size = Math.abs(absoluteEffect);
        if (size < 0.2) {
            return NEGLIGIBLE;
        }
        if (size < 0.5) {
            return SMALL;
        }
        return size < 0.8 ? MEDIUM : LARGE;
    }
}
