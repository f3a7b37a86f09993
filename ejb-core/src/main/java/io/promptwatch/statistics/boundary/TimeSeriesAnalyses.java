package io.promptwatch.statistics.boundary;

import io.promptwatch.metrics.boundary.MetricsQuery;
import io.promptwatch.metrics.entity.MetricValues;
import io.promptwatch.persistence.StorableInstants;
import io.promptwatch.problem.ProblemException;
import io.promptwatch.statistics.control.Anomalies;
import io.promptwatch.statistics.control.AnomalyDetection;
import io.promptwatch.statistics.control.Forecast;
import io.promptwatch.statistics.control.HoltWinters;
import io.promptwatch.statistics.control.Seasonality;
import io.promptwatch.statistics.control.SeasonalityAnalysis;
import io.promptwatch.statistics.control.Trend;
import io.promptwatch.statistics.control.TrendAnalysis;
import io.promptwatch.statistics.entity.SeriesPoint;
import io.promptwatch.tracking.boundary.MetricField;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Trend, seasonality, anomalies and a short forecast of one series: explicit points, or a metric
 * of stored records per hour or per day, read from the rollups (buckets without a value are left out).
 */
@Stateless
public class TimeSeriesAnalyses {

    /**
     * The four analyses of one series. A figure the data leaves undefined (an F test over one hour
     * or weekday, a MAD or IQR of zero, the t of a perfect line) is {@code null} in the answer, and
     * {@code warnings} says which and why.
     */
    public record Analysis(int points, String bucket, Trend trend, SeasonalityView seasonality, Anomalies anomalies,
                           Forecast forecast, String forecastNote, List<String> warnings) {
    }

    /**
     * Seasonality with the per-hour and per-weekday means as lists: a slot without data is
     * {@code null} (JSON has no NaN), Monday first for the weekdays.
     */
    public record SeasonalityView(List<Double> hourOfDayMeans, List<Double> dayOfWeekMeans, Double hourF, Double hourPValue,
                                  Double dayF, Double dayPValue) {
        static SeasonalityView of(Seasonality s) {
            return new SeasonalityView(nullForNaN(s.hourOfDayMeans()), nullForNaN(s.dayOfWeekMeans()), finite(s.hourF()),
                    finite(s.hourPValue()), finite(s.dayF()), finite(s.dayPValue()));
        }

        private static Double finite(double value) {
            return Double.isFinite(value) ? value : null;
        }

        private static List<Double> nullForNaN(double[] values) {
            List<Double> list = new ArrayList<>();
            for (double v : values) {
                list.add(Double.isNaN(v) ? null : v);
            }
            return list;
        }
    }

    @Inject
    MetricsQuery metrics;

    /**
     * A metric's mean per bucket ({@code 1h} or {@code 1d}, UTC) of a prompt's records (optionally
     * one version and model) in [from, to), from the rollups: success as the success rate, every
     * other metric as its average. Without {@code from} the series starts where the window's
     * buckets are still kept; without {@code to} it ends now.
     */
    public List<SeriesPoint> storedSeries(String promptId, String version, String model, MetricField metric, String bucket,
                                    Instant from, Instant to) {
        if (promptId == null || promptId.isBlank()) {
            throw ProblemException.invalid("selection.promptId", "a selection needs a promptId");
        }
        String window = switch (bucket) {
            case "1h" -> "1h";
            case "1d" -> "24h";
            default -> throw ProblemException.invalid("selection.bucket", "bucket must be 1h or 1d");
        };
        Instant end = to == null ? StorableInstants.now() : to;
        Instant start = from == null ? metrics.retainedFrom(window) : from;
        Function<MetricValues, Double> value = switch (metric) {
            case QUALITY_SCORE -> MetricValues::qualityAvg;
            case USER_FEEDBACK -> MetricValues::feedbackAvg;
            case LATENCY -> MetricValues::latencyAvgMs;
            case COST -> MetricValues::costAvg;
            case TOKENS -> MetricValues::totalTokensAvg;
            case SUCCESS -> MetricValues::successRate;
        };
        List<SeriesPoint> points = new ArrayList<>();
        for (MetricsQuery.WindowMetrics bucketPoint : metrics.series(new MetricsQuery.Filter(promptId, version, model, null, null),
                window, start, end).buckets()) {
            Double mean = value.apply(bucketPoint.metrics());
            if (mean != null) {
                points.add(new SeriesPoint(bucketPoint.start(), mean));
            }
        }
        return points;
    }

    public Analysis analyse(List<SeriesPoint> points, String bucket, int horizon, Integer period, double alpha) {
        try {
            Trend trend = TrendAnalysis.trend(points, alpha);
            Seasonality seasonality = SeasonalityAnalysis.seasonality(points);
            Anomalies anomalies = AnomalyDetection.anomalies(points);
            Forecast forecast = null;
            String note = null;
            try {
                forecast = HoltWinters.forecast(points, horizon, period);
            } catch (IllegalArgumentException e) {
                note = "no forecast: " + e.getMessage();
            }
            return new Analysis(points.size(), bucket, trend, SeasonalityView.of(seasonality), anomalies, forecast, note,
                    warnings(trend, seasonality, anomalies));
        } catch (IllegalArgumentException e) {
            throw ProblemException.unprocessable("points", "cannot analyse this series: " + e.getMessage());
        }
    }

    /** Why figures of these results are undefined for this series (and answered as null). */
    static List<String> warnings(Trend trend, Seasonality seasonality, Anomalies anomalies) {
        List<String> warnings = new ArrayList<>();
        if (!Double.isFinite(trend.t())) {
            warnings.add("trend: the points lie exactly on a line (or are constant), so the slope's standard error is 0 "
                    + "and t and its p-value are undefined (null)");
        }
        if (!Double.isFinite(seasonality.hourF())) {
            warnings.add("seasonality: the hour-of-day F test needs points in at least two hours of the day and more points "
                    + "than hours; it is undefined (null) for this series (one point a day falls in one hour)");
        }
        if (!Double.isFinite(seasonality.dayF())) {
            warnings.add("seasonality: the day-of-week F test needs points on at least two weekdays and more points than "
                    + "weekdays; it is undefined (null) for this series");
        }
        if (anomalies.sd() == 0) {
            warnings.add("anomalies: the values are constant (standard deviation 0), so z-scores are undefined and the "
                    + "z-score rule flags nothing");
        }
        if (anomalies.q3() - anomalies.q1() == 0 && !anomalies.iqr().isEmpty()) {
            warnings.add("anomalies: the interquartile range is 0, so every value off the quartiles is flagged by the IQR "
                    + "rule with an undefined (null) score");
        }
        if (anomalies.madRaw() == 0 && !anomalies.mad().isEmpty()) {
            warnings.add("anomalies: the median absolute deviation is 0, so every value off the median is flagged by the "
                    + "MAD rule with an undefined (null) modified z-score");
        }
        return List.copyOf(warnings);
    }
}
