package io.promptwatch.alerting.control;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.apache.commons.math3.stat.descriptive.rank.Percentile.EstimationType;

/**
 * The "anomaly" comparison of an alert rule: is a window's value outside the metric's usual range for
 * that hour of day? A fixed threshold cannot say it: latency that is normal at noon can be a fault at
 * 3 a.m., and the reverse. The usual range is learnt from the metric's own hourly values over the
 * previous 7 days, with the median and the MAD, so that an incident on one of those days (an outlier
 * of the reference) does not widen the range the way it would widen a standard deviation.
 *
 * <h2>Which reference values</h2>
 * For the hour H (UTC) holding {@code at}: the hourly values at H on each of the 7 previous days, and
 * those of the neighbouring hours H − 1 and H + 1 on the same days, up to 21 values. The neighbours
 * are there because 7 values make a poor MAD: its relative standard error on normal data is about
 * √(1.36/n), 44 % for n = 7 against 25 % for n = 21, so with the same hour alone the threshold of 3.5
 * would in effect wander between about 2 and 5 from one week to the next. But a neighbouring hour sits
 * at another level of the daily cycle (on a steep morning ramp one hour can be a large part of the
 * day's range), which would widen the range where the cycle is steep and lower its centre at a peak. So each
 * neighbouring hour is first shifted by the difference of the medians (same hour − neighbour): the
 * neighbours bring their spread, not their level. A neighbouring hour with fewer than 3 values (or a
 * same hour with fewer than 3) is left out, since the shift would be noise.
 *
 * <p>The current hour of today and the hour before it are not used: they hold the window being judged,
 * and an incident under way for an hour must not become its own baseline.
 *
 * <h2>The score and the fallbacks</h2>
 * Robust z = (value − median) / MAD with MAD = 1.4826 × median(|x − median|) (R's {@code mad(x)}),
 * anomalous when |z| &gt; sensitivity (3.5 by default, Iglewicz and Hoaglin's limit). Undefined (score
 * null, not anomalous, a warning) with fewer reference values than the minimum (7 by default: three days
 * of history). When the MAD is 0 (more than half the values equal the median, as an error rate of 0 at
 * night), the scale is 1.253314 × the mean absolute deviation around the median, √(π/2) making it
 * comparable to a standard deviation (the modified z score of IBM Cognos Analytics): an error rate that was
 * 0 every night but once is then judged against that one night. When every value is the same there is
 * no spread at all: the score is null and any value different from that constant is anomalous, since
 * the usual range is that one value; the rule's {@code minSamples} is what keeps a single error in a
 * nearly empty window from firing.
 *
 * <p>The hourly values are aggregates over an hour, while the judged window may be 5 minutes: a short
 * window's value is noisier than the hourly ones, so its score overstates how unusual it is. Rules with
 * the anomaly comparison on short windows want a higher sensitivity, or hourly windows.
 */
public final class SeasonalBaseline {

    public static final double DEFAULT_SENSITIVITY = 3.5;
    public static final int DEFAULT_MINIMUM_POINTS = 7;
    /** How many previous days the reference looks back. */
    public static final int DAYS = 7;
    /** The hours on either side of the judged hour that join the reference. */
    static final int NEIGHBOUR_HOURS = 1;
    /** Fewest values a same-hour or neighbour-hour group needs before neighbours are shifted and pooled. */
    static final int MINIMUM_GROUP = 3;
    /** R's {@code mad()} constant, 1/Φ⁻¹(0.75): the MAD of normal data estimates its standard deviation. */
    static final double MAD_CONSTANT = 1.4826;
    /** √(π/2), likewise for the mean absolute deviation. */
    static final double MEAN_AD_CONSTANT = 1.253314;
    /** Relative difference below which a value equals a constant reference (rounding of stored sums). */
    static final double CONSTANT_TOLERANCE = 1e-9;

    private final double sensitivity;
    private final int minimumPoints;

    /**
     * @param sensitivity   the |robust z| above which a value is anomalous; positive
     * @param minimumPoints the fewest reference values that make a baseline; at least 3
     */
    public SeasonalBaseline(double sensitivity, int minimumPoints) {
        if (!(sensitivity > 0) || Double.isInfinite(sensitivity)) {
            throw new IllegalArgumentException("sensitivity must be a positive number; got " + sensitivity);
        }
        if (minimumPoints < MINIMUM_GROUP) {
            throw new IllegalArgumentException("a seasonal baseline needs at least " + MINIMUM_GROUP
                    + " reference values; got a minimum of " + minimumPoints);
        }
        this.sensitivity = sensitivity;
        this.minimumPoints = minimumPoints;
    }

    /** With the default minimum of reference values. */
    public SeasonalBaseline(double sensitivity) {
        this(sensitivity, DEFAULT_MINIMUM_POINTS);
    }

    public double sensitivity() {
        return sensitivity;
    }

    public int minimumPoints() {
        return minimumPoints;
    }

    /**
     * Compares {@code value} with the usual range of the hour of day (UTC) that holds {@code at}.
     *
     * @param hourly the metric's hourly values keyed by the start of their hour; it must hold the hours
     *               from {@code at}'s hour − 7 days − 1 hour to that hour − 23 hours, other keys are
     *               ignored; a missing key, a null, NaN or infinite value is an hour without data
     * @param value  the judged window's value
     * @param at     an instant of the judged window (the evaluator passes its start)
     * @throws IllegalArgumentException when {@code value} is NaN or infinite
     */
    public SeasonalComparison compare(Map<Instant, Double> hourly, double value, Instant at) {
        Objects.requireNonNull(hourly, "hourly");
        Objects.requireNonNull(at, "at");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("the judged value must be a finite number; got " + value);
        }
        Instant hour = at.truncatedTo(ChronoUnit.HOURS);
        List<Double> reference = reference(hourly, hour);
        int n = reference.size();
        if (n < minimumPoints) {
            return new SeasonalComparison(value, n, null, null, null, null, false, String.format(
                    "only %d reference values (the hours %s UTC on the previous %d days); at least %d are needed",
                    n, hours(hour), DAYS, minimumPoints));
        }
        double[] x = reference.stream().mapToDouble(Double::doubleValue).toArray();
        double median = median(x);
        double[] deviations = new double[n];
        double sumDeviations = 0;
        for (int i = 0; i < n; i++) {
            deviations[i] = Math.abs(x[i] - median);
            sumDeviations += deviations[i];
        }
        double mad = MAD_CONSTANT * median(deviations);
        if (mad > 0) {
            double score = score(value, median, mad);
            return new SeasonalComparison(value, n, median, mad, mad, score, Math.abs(score) > sensitivity, null);
        }
        double meanAd = sumDeviations / n;
        if (meanAd > 0) {
            double scale = MEAN_AD_CONSTANT * meanAd;
            double score = score(value, median, scale);
            return new SeasonalComparison(value, n, median, mad, scale, score, Math.abs(score) > sensitivity,
                    String.format("the MAD is 0 (more than half of the %d reference values equal the median %s);"
                            + " the score divides by 1.253314 × the mean absolute deviation instead", n, median));
        }
        boolean differs = Math.abs(value - median) > CONSTANT_TOLERANCE * Math.max(1, Math.abs(median));
        return new SeasonalComparison(value, n, median, mad, null, null, differs, String.format(
                "all %d reference values are %s: there is no spread to score against, and any other value is"
                        + " outside the usual range", n, median));
    }

    /** The same hour on each previous day, and its neighbours shifted to its level. */
    static List<Double> reference(Map<Instant, Double> hourly, Instant hour) {
        List<Double> same = group(hourly, hour, 0);
        List<Double> reference = new ArrayList<>(same);
        if (same.size() < MINIMUM_GROUP) {
            return reference;
        }
        double sameMedian = median(same);
        for (int offset = -NEIGHBOUR_HOURS; offset <= NEIGHBOUR_HOURS; offset++) {
            if (offset == 0) {
                continue;
            }
            List<Double> neighbour = group(hourly, hour, offset);
            if (neighbour.size() >= MINIMUM_GROUP) {
                double shift = sameMedian - median(neighbour);
                neighbour.forEach(v -> reference.add(v + shift));
            }
        }
        return reference;
    }

    /** The values at {@code hour} + {@code offset} hours on each of the previous days, oldest first. */
    private static List<Double> group(Map<Instant, Double> hourly, Instant hour, int offset) {
        List<Double> values = new ArrayList<>(DAYS);
        for (int day = DAYS; day >= 1; day--) {
            Double v = hourly.get(hour.minus(Duration.ofDays(day)).plus(Duration.ofHours(offset)));
            if (v != null && Double.isFinite(v)) {
                values.add(v);
            }
        }
        return values;
    }

    /** R's {@code median}: the middle value, or the mean of the two middle ones. */
    static double median(double[] values) {
        return new Median().withEstimationType(EstimationType.R_7).evaluate(values);
    }

    private static double median(List<Double> values) {
        return median(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** The robust z; a scale so small that the quotient overflows gives the largest finite score. */
    private static double score(double value, double median, double scale) {
        double score = (value - median) / scale;
        return Double.isFinite(score) ? score : Math.copySign(Double.MAX_VALUE, value - median);
    }

    private static String hours(Instant hour) {
        int h = hour.atZone(ZoneOffset.UTC).getHour();
        return String.format("%02d:00, %02d:00 and %02d:00", Math.floorMod(h - 1, 24), h, (h + 1) % 24);
    }
}
