package io.promptwatch.statistics.control;

import io.promptwatch.statistics.entity.SeriesPoint;
import java.time.Instant;
import java.util.List;

/**
 * What every time-series analysis asks of its points before it starts, so that all of them refuse the
 * same bad series with the same words.
 */
final class Series {

    private Series() {
    }

    /**
     * Refuses a null or short list, null points, non-finite values, and times that go backwards (or,
     * when strictly is set, repeat).
     */
    static void require(List<SeriesPoint> points, int minimum, String purpose, boolean strictly) {
        if (points == null) {
            throw new IllegalArgumentException("points must not be null");
        }
        if (points.size() < minimum) {
            throw new IllegalArgumentException(purpose + " needs at least " + minimum
                    + (minimum == 1 ? " point" : " points") + ", got " + points.size());
        }
        Instant previous = null;
        for (int i = 0; i < points.size(); i++) {
            SeriesPoint p = points.get(i);
            if (p == null) {
                throw new IllegalArgumentException("point " + i + " is null");
            }
            if (!Double.isFinite(p.value())) {
                throw new IllegalArgumentException("point " + i + " has a non-finite value (" + p.value()
                        + "); NaN and infinite values are not allowed");
            }
            if (previous != null) {
                int order = p.time().compareTo(previous);
                if (order < 0 || (strictly && order == 0)) {
                    throw new IllegalArgumentException("times must be " + (strictly ? "strictly " : "")
                            + "increasing (sorted): point " + i + " at " + p.time() + " follows " + previous);
                }
            }
            previous = p.time();
        }
    }

    static double[] values(List<SeriesPoint> points) {
        return points.stream().mapToDouble(SeriesPoint::value).toArray();
    }
}
