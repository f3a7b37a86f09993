package io.promptwatch.api.statistics;

import io.promptwatch.api.RequestObject;
import io.promptwatch.statistics.boundary.AnalysisDefaults;
import io.promptwatch.statistics.entity.SeriesPoint;
import io.promptwatch.tracking.boundary.MetricField;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /analysis/timeseries}: explicit {@code points} or the {@code selection} of a stored
 * series (the other one is {@code null}), the forecast's {@code horizon} and seasonal
 * {@code period} in points, and the trend test's {@code alpha}.
 *
 * <p>Horizon and period are bounded by {@code promptwatch.analysis.max-horizon}: the forecast
 * allocates arrays of the horizon's length, and a season far longer than any series would only
 * overflow its index arithmetic. The points are bounded by {@code promptwatch.analysis.max-points}
 * ({@link AnalysisLimits}).
 */
record TimeSeriesRequest(List<SeriesPoint> points, StoredSeries selection, int horizon, int period, double alpha) {

    /** A metric's mean per bucket ({@code 1h} or {@code 1d}) of a prompt's stored records. */
    record StoredSeries(String promptId, String version, String model, MetricField metric, String bucket,
                        Instant from, Instant to) {
    }

    static TimeSeriesRequest read(RequestObject body, AnalysisLimits limits) {
        int horizon = (int) body.wholeNumber("horizon", AnalysisDefaults.HORIZON, 1, limits.maxHorizon());
        double alpha = body.probability("alpha", AnalysisDefaults.ALPHA);
        List<SeriesPoint> points = null;
        StoredSeries selection = null;
        if (body.oneOf("points", "points", "selection").equals("points")) {
            limits.points(body.path("points"), body.size("points"));
            points = new ArrayList<>();
            for (RequestObject point : body.objects("points")) {
                points.add(new SeriesPoint(point.requiredInstant("time"), point.requiredNumber("value")));
            }
        } else {
            RequestObject s = body.object("selection");
            selection = new StoredSeries(s.string("promptId", null), s.string("version", null), s.string("model", null),
                    ComparisonRequest.metric(s, "metric"), s.string("bucket", AnalysisDefaults.BUCKET), s.instant("from"),
                    s.instant("to"));
        }
        int period = (int) body.wholeNumber("period", AnalysisDefaults.period(selection == null ? null : selection.bucket()),
                2, limits.maxHorizon());
        return new TimeSeriesRequest(points, selection, horizon, period, alpha);
    }
}
