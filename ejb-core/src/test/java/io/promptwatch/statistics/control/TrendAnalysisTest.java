package io.promptwatch.statistics.control;

import static io.promptwatch.statistics.control.RReference.assertR;
import static io.promptwatch.statistics.control.Refusals.assertRefused;
import static io.promptwatch.statistics.control.ReferenceSeries.daily;
import static io.promptwatch.statistics.control.ReferenceSeries.dailyWithValue;
import static io.promptwatch.statistics.control.ReferenceSeries.DAILY_START;
import static io.promptwatch.statistics.control.ReferenceSeries.flat;
import static io.promptwatch.statistics.control.ReferenceSeries.hourly;
import static io.promptwatch.statistics.control.ReferenceSeries.series;
import static io.promptwatch.statistics.control.ReferenceSeries.swappedDaily;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptwatch.statistics.entity.SeriesPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The trend against R 4.2.2 ({@code src/test/resources/statistics/reference-timeseries.R}, output in
 * {@code reference-timeseries-output.txt}; data in {@link ReferenceSeries}). Closed forms agree within a
 * relative 1e-9.
 */
class TrendAnalysisTest {

    // Trend: summary(lm(value ~ days)), days = as.numeric(difftime(time, time[1], units = "days"))

    private static void assertTrend(String name, double[] expected, Trend actual) {
        assertR(expected[0], actual.slopePerDay(), name + ".slopePerDay");
        assertR(expected[1], actual.standardError(), name + ".standardError");
        assertR(expected[2], actual.t(), name + ".t");
        assertR(expected[3], actual.pValue(), name + ".pValue");
        assertR(expected[4], actual.rSquared(), name + ".rSquared");
    }

    @Test
    void trendOfTheHourlySeriesIsUp() {
        // summary(lm(hourly ~ days)): coefficients["days", ] and r.squared
        Trend trend = TrendAnalysis.trend(hourly(), 0.05);
        assertTrend("trend.hourly", new double[] {7.42982828477714, 1.07318482335459,
            6.92315817656906, 1.72385453090816e-09, 0.406428141413063}, trend);
        assertEquals(72, trend.n());
        assertEquals(Trend.Direction.up, trend.direction());
    }

    @Test
    void trendOfTheDailySeriesIsDown() {
        // summary(lm(daily ~ days))
        Trend trend = TrendAnalysis.trend(daily(), 0.05);
        assertTrend("trend.daily", new double[] {-0.688496240601504, 0.0872629842742304,
            -7.88990024037974, 2.98374281761231e-07, 0.775702404191665}, trend);
        assertEquals(20, trend.n());
        assertEquals(Trend.Direction.down, trend.direction());
    }

    @Test
    void trendOfIrregularTimesWithATieIsFlat() {
        // summary(lm(flat ~ days)) with irregular times, two of them equal
        Trend trend = TrendAnalysis.trend(flat(), 0.05);
        assertTrend("trend.flat", new double[] {-0.00831050776131595, 0.0274755427989911,
            -0.302469284123519, 0.772505808435661, 0.015018936723985}, trend);
        assertEquals(Trend.Direction.flat, trend.direction());
    }

    @Test
    void directionFollowsAlpha() {
        // p = 2.98374281761231e-07: significant at 1e-6, not at 1e-7
        assertEquals(Trend.Direction.down, TrendAnalysis.trend(daily(), 1e-6).direction());
        assertEquals(Trend.Direction.flat, TrendAnalysis.trend(daily(), 1e-7).direction());
    }

    @Test
    void theDirectionsAreNamedAsTheApiWritesThem() {
        // JSON-B writes an enum by name(); /analysis/timeseries answers "up", "down" or "flat" (AnalysisIT)
        assertEquals(List.of("up", "down", "flat"), Arrays.stream(Trend.Direction.values()).map(Enum::name).toList());
    }

    @Test
    void trendOfAConstantSeriesIsFlatWithUndefinedT() {
        // R: slope 0, standard error 0, t and p NaN ("essentially perfect fit")
        Trend trend = TrendAnalysis.trend(series(DAILY_START, Duration.ofDays(1), new double[] {3, 3, 3, 3}), 0.05);
        assertEquals(0.0, trend.slopePerDay());
        assertTrue(Double.isNaN(trend.t()) && Double.isNaN(trend.pValue()));
        assertEquals(Trend.Direction.flat, trend.direction());
    }

    @Test
    void refusesTooFewPointsAndBadValues() {
        assertRefused("at least 3 points", () -> TrendAnalysis.trend(daily().subList(0, 2), 0.05));
        assertRefused("non-finite", () -> TrendAnalysis.trend(dailyWithValue(7, Double.NaN), 0.05));
        assertRefused("non-finite", () -> TrendAnalysis.trend(dailyWithValue(0, Double.POSITIVE_INFINITY), 0.05));
        assertRefused("sorted", () -> TrendAnalysis.trend(swappedDaily(), 0.05));
    }

    @Test
    void refusesADegenerateTrend() {
        Instant t = DAILY_START;
        assertRefused("different times", () -> TrendAnalysis.trend(
                List.of(new SeriesPoint(t, 1), new SeriesPoint(t, 2), new SeriesPoint(t, 3)), 0.05));
        assertRefused("alpha", () -> TrendAnalysis.trend(daily(), 1.0));
        assertRefused("null", () -> TrendAnalysis.trend(null, 0.05));
    }
}
