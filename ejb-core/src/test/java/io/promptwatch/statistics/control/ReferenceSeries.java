package io.promptwatch.statistics.control;

import io.promptwatch.statistics.entity.SeriesPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The data sets of R 4.2.2's {@code src/test/resources/statistics/reference-timeseries.R}, literally (its
 * output is in {@code reference-timeseries-output.txt}), shared by the tests of the trend, seasonality,
 * anomaly and Holt–Winters analyses.
 */
final class ReferenceSeries {

    /** A: hourly from Sunday 2024-03-03 12:00 UTC; trend, daily cycle, outliers at index 20 (up) and 50 (down). */
    static final double[] HOURLY = {98, 96.7, 96.8, 95.6, 93.9, 91.8, 93.9, 91.7, 95.1, 94.8, 97.5, 101.6,
        104, 103.7, 106.7, 110, 111, 112.5, 111.9, 112.9, 139.7, 108.9, 109.8, 109, 107.3, 105.7, 102.3, 102.8, 100.4,
        99, 100.2, 99.7, 100.8, 103.8, 106.1, 105.2, 111.6, 111.6, 114.7, 115.5, 117.3, 116.8, 118.8, 119.5, 119.9,
        119, 116.3, 114.4, 114.9, 109.1, 83.9, 107.2, 106.6, 105.8, 106.8, 105.7, 107.9, 108.9, 109.4, 113.1, 113.4,
        121.4, 118.8, 122.1, 121.4, 121.4, 124.3, 126.5, 125.4, 123.6, 122.3, 119.7};
    static final Instant HOURLY_START = Instant.parse("2024-03-03T12:00:00Z");
    /** B: daily from Monday 2024-01-01 00:00 UTC, falling, no season. */
    static final double[] DAILY = {48.5, 47.9, 46.8, 52.2, 47.6, 44.3, 47.7, 44, 43, 48.4, 40.9, 41.9, 40.6,
        43.9, 42.1, 39.5, 36.3, 39.7, 37.6, 34.6};
    static final Instant DAILY_START = Instant.parse("2024-01-01T00:00:00Z");
    /** C: irregularly spaced (two points share a time), no trend. */
    static final double[] FLAT = {5.1, 4.9, 5.3, 5.0, 4.8, 5.2, 5.1, 4.9};
    static final String[] FLAT_TIMES = {"2024-05-01T08:00:00Z", "2024-05-01T13:30:00Z",
        "2024-05-02T09:15:00Z", "2024-05-02T09:15:00Z", "2024-05-03T22:45:10Z", "2024-05-05T06:00:00Z",
        "2024-05-06T17:20:00Z", "2024-05-08T00:00:00Z"};
    /** D: latencies every 15 minutes with a spike (index 5) and a drop (index 10). */
    static final double[] SPIKY = {212, 198, 205, 220, 201, 640, 209, 195, 214, 203, 12, 207, 199, 216};

    static List<SeriesPoint> series(Instant start, Duration step, double[] values) {
        List<SeriesPoint> points = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            points.add(new SeriesPoint(start.plus(step.multipliedBy(i)), values[i]));
        }
        return points;
    }

    static List<SeriesPoint> hourly() {
        return series(HOURLY_START, Duration.ofHours(1), HOURLY);
    }

    static List<SeriesPoint> daily() {
        return series(DAILY_START, Duration.ofDays(1), DAILY);
    }

    static List<SeriesPoint> flat() {
        List<SeriesPoint> points = new ArrayList<>();
        for (int i = 0; i < FLAT.length; i++) {
            points.add(new SeriesPoint(Instant.parse(FLAT_TIMES[i]), FLAT[i]));
        }
        return points;
    }

    static List<SeriesPoint> spiky() {
        return series(Instant.parse("2024-06-10T09:00:00Z"), Duration.ofMinutes(15), SPIKY);
    }

    /** The daily series with one value replaced (a NaN or an infinity, say). */
    static List<SeriesPoint> dailyWithValue(int index, double value) {
        List<SeriesPoint> points = new ArrayList<>(daily());
        points.set(index, new SeriesPoint(points.get(index).time(), value));
        return points;
    }

    /** The daily series with points 3 and 4 swapped: times out of order. */
    static List<SeriesPoint> swappedDaily() {
        List<SeriesPoint> swapped = new ArrayList<>(daily());
        swapped.set(3, daily().get(4));
        swapped.set(4, daily().get(3));
        return swapped;
    }

    private ReferenceSeries() {
    }
}
