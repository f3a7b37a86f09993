package io.promptwatch.statistics.control;

import io.promptwatch.statistics.entity.SeriesPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.commons.math3.stat.StatUtils;

/**
 * Whether a metric drifts (SPEC §5): the least-squares line of value against time, as R 4.2.2's
 * {@code summary(lm(value ~ days))}; the reference values are in the tests.
 */
public final class TrendAnalysis {

    private static final double SECONDS_PER_DAY = 86_400.0;
    private static final double NANOS_PER_SECOND = 1e9;

    private TrendAnalysis() {
    }

    /**
     * The least-squares line of value against days since the first point: slope per day, its standard
     * error, t, two-sided p-value on n − 2 degrees of freedom and R². The direction is up or down when the
     * p-value is below alpha, otherwise flat (also when the values are constant and t is undefined, NaN as
     * in R).
     *
     * @param points in time order; equal times are allowed
     * @throws IllegalArgumentException for fewer than 3 points, non-finite values, times out of order,
     *                                  all points at one instant, or alpha not in (0, 1)
     */
    public static Trend trend(List<SeriesPoint> points, double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), was " + alpha);
        }
        Series.require(points, 3, "a trend", false);
        int n = points.size();
        double[] days = daysSinceFirst(points);
        double[] values = Series.values(points);
        double meanDays = StatUtils.mean(days);
        double meanValue = StatUtils.mean(values);
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            double dx = days[i] - meanDays;
            sxx += dx * dx;
            sxy += dx * (values[i] - meanValue);
        }
        if (sxx == 0) {
            throw new IllegalArgumentException("a trend needs points at two or more different times");
        }
        double slope = sxy / sxx;
        double rss = 0;
        for (int i = 0; i < n; i++) {
            double residual = values[i] - meanValue - slope * (days[i] - meanDays);
            rss += residual * residual;
        }
        double mss = slope * slope * sxx;
        int df = n - 2;
        double standardError = Math.sqrt(rss / df / sxx);
        double t = slope / standardError;
        double p = Double.isNaN(t) ? Double.NaN : Distributions.studentTwoSided(t, df);
        Trend.Direction direction = p < alpha ? (slope > 0 ? Trend.Direction.up : Trend.Direction.down)
                : Trend.Direction.flat;
        return new Trend(n, slope, standardError, t, p, mss / (mss + rss), direction);
    }

    private static double[] daysSinceFirst(List<SeriesPoint> points) {
        Instant first = points.get(0).time();
        double[] days = new double[points.size()];
        for (int i = 0; i < days.length; i++) {
            Duration d = Duration.between(first, points.get(i).time());
            days[i] = (d.getSeconds() + d.getNano() / NANOS_PER_SECOND) / SECONDS_PER_DAY;
        }
        return days;
    }
}
