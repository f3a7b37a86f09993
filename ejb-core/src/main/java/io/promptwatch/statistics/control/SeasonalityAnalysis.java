package io.promptwatch.statistics.control;

import io.promptwatch.statistics.entity.SeriesPoint;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.commons.math3.stat.StatUtils;

/**
 * Whether a metric follows the clock (SPEC §5): its means by UTC hour of day and by day of week, and
 * the one-way ANOVA of each factor, as R 4.2.2's {@code anova(lm(value ~ factor(hour)))}; the
 * reference values are in the tests.
 */
public final class SeasonalityAnalysis {

    private static final int HOURS = 24;
    private static final int WEEKDAYS = 7;

    private SeasonalityAnalysis() {
    }

    /**
     * Means by UTC hour of day and by day of week (Monday first), NaN where no point falls, and the
     * one-way ANOVA of each factor over the levels present. F and p are NaN with fewer than two levels,
     * or when every point is alone in its level.
     *
     * @param points in time order; equal times are allowed
     * @throws IllegalArgumentException for an empty series, non-finite values or times out of order
     */
    public static Seasonality seasonality(List<SeriesPoint> points) {
        Series.require(points, 1, "seasonality", false);
        int n = points.size();
        double[] values = Series.values(points);
        int[] hour = new int[n];
        int[] weekday = new int[n];
        for (int i = 0; i < n; i++) {
            var utc = points.get(i).time().atOffset(ZoneOffset.UTC);
            hour[i] = utc.getHour();
            weekday[i] = utc.getDayOfWeek().getValue() - 1;
        }
        OneWay byHour = oneWay(values, hour, HOURS);
        OneWay byDay = oneWay(values, weekday, WEEKDAYS);
        return new Seasonality(byHour.means(), byDay.means(), byHour.f(), byHour.p(), byDay.f(), byDay.p());
    }

    private record OneWay(double[] means, double f, double p) {
    }

    private static OneWay oneWay(double[] values, int[] level, int levels) {
        int n = values.length;
        int[] count = new int[levels];
        double[] sum = new double[levels];
        for (int i = 0; i < n; i++) {
            count[level[i]]++;
            sum[level[i]] += values[i];
        }
        double[] means = new double[levels];
        int present = 0;
        for (int l = 0; l < levels; l++) {
            means[l] = count[l] == 0 ? Double.NaN : sum[l] / count[l];
            present += count[l] == 0 ? 0 : 1;
        }
        if (present < 2) {
            return new OneWay(means, Double.NaN, Double.NaN);
        }
        double grand = StatUtils.mean(values);
        double within = 0;
        for (int i = 0; i < n; i++) {
            double d = values[i] - means[level[i]];
            within += d * d;
        }
        double between = 0;
        for (int l = 0; l < levels; l++) {
            if (count[l] > 0) {
                double d = means[l] - grand;
                between += count[l] * d * d;
            }
        }
        int dfBetween = present - 1;
        int dfWithin = n - present;
        // with no residual degrees of freedom 0/0 makes F and p NaN, as in R
        double f = (between / dfBetween) / (within / dfWithin);
        return new OneWay(means, f, Distributions.fisherUpper(f, dfBetween, dfWithin));
    }
}
