package io.promptwatch.statistics.boundary;

import io.promptwatch.problem.ProblemException;
import io.promptwatch.statistics.control.Anomalies;
import io.promptwatch.statistics.control.Forecast;
import io.promptwatch.statistics.control.Point;
import io.promptwatch.statistics.control.Seasonality;
import io.promptwatch.statistics.control.TimeSeries;
import io.promptwatch.statistics.control.Trend;
import jakarta.ejb.Stateless;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Trend, seasonality, anomalies and a short forecast of one series: explicit points, or a metric
 * of stored records averaged per hour or per day (empty buckets are left out).
 */
@Stateless
public class TimeSeriesAnalyses {

    public record Analysis(int points, String bucket, Trend trend, SeasonalityView seasonality, Anomalies anomalies,
                           Forecast forecast, String forecastNote) {
    }

    /**
     * Seasonality with the per-hour and per-weekday means as lists: a slot without data is
     * {@code null} (JSON has no NaN), Monday first for the weekdays.
     */
    public record SeasonalityView(List<Double> hourOfDayMeans, List<Double> dayOfWeekMeans, double hourF, double hourPValue,
                                  double dayF, double dayPValue) {
        static SeasonalityView of(Seasonality s) {
            return new SeasonalityView(nullForNaN(s.hourOfDayMeans()), nullForNaN(s.dayOfWeekMeans()), s.hourF(),
                    s.hourPValue(), s.dayF(), s.dayPValue());
        }

        private static List<Double> nullForNaN(double[] values) {
            List<Double> list = new ArrayList<>();
            for (double v : values) {
                list.add(Double.isNaN(v) ? null : v);
            }
            return list;
        }
    }

    /** Averages (time, value) rows into buckets of {@code bucket} aligned to UTC. */
    public static List<Point> bucketed(List<Object[]> rows, Duration bucket) {
        Map<Long, double[]> sums = new TreeMap<>();
        long size = bucket.toMillis();
        for (Object[] row : rows) {
            long key = Math.floorDiv(((Instant) row[0]).toEpochMilli(), size) * size;
            double value = row[1] instanceof Boolean b ? (b ? 1 : 0) : ((Number) row[1]).doubleValue();
            double[] sum = sums.computeIfAbsent(key, k -> new double[2]);
            sum[0] += value;
            sum[1]++;
        }
        List<Point> points = new ArrayList<>();
        sums.forEach((start, sum) -> points.add(new Point(Instant.ofEpochMilli(start), sum[0] / sum[1])));
        return points;
    }

    public Analysis analyse(List<Point> points, String bucket, int horizon, Integer period, double alpha) {
        try {
            Trend trend = TimeSeries.trend(points, alpha);
            Seasonality seasonality = TimeSeries.seasonality(points);
            Anomalies anomalies = TimeSeries.anomalies(points);
            Forecast forecast = null;
            String note = null;
            try {
                forecast = TimeSeries.forecast(points, horizon, period);
            } catch (IllegalArgumentException e) {
                note = "no forecast: " + e.getMessage();
            }
            return new Analysis(points.size(), bucket, trend, SeasonalityView.of(seasonality), anomalies, forecast, note);
        } catch (IllegalArgumentException e) {
            throw ProblemException.unprocessable("points", "cannot analyse this series: " + e.getMessage());
        }
    }
}
