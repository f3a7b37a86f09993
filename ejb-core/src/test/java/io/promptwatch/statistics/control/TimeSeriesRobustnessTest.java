package io.promptwatch.statistics.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptwatch.statistics.entity.SeriesPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fitting must not fail where the optimiser does: a smooth, almost noise-free seasonal series. */
class TimeSeriesRobustnessTest {

    @Test
    void aSmoothSeasonalSeriesIsForecastEvenWhenBobyqaGivesUp() {
        Instant start = Instant.parse("2026-11-23T00:00:00Z");
        List<SeriesPoint> points = new ArrayList<>();
        for (int h = 0; h < 48; h++) {
            double value = Math.round((0.5 + 0.004 * h + 0.05 * Math.sin(2 * Math.PI * h / 24)) * 1e6) / 1e6;
            points.add(new SeriesPoint(start.plus(Duration.ofHours(h)), value));
        }
        Forecast forecast = TimeSeries.forecast(points, 12, 24);
        assertEquals("holt-winters-additive", forecast.method());
        assertEquals(12, forecast.mean().length);
        // The next hour continues the wave: near 0.5 + 0.004 * 48 = 0.692 (the sine is 0 there).
        assertEquals(0.692, forecast.mean()[0], 0.02);
        assertTrue(forecast.lower95()[0] <= forecast.mean()[0] && forecast.mean()[0] <= forecast.upper95()[0]);
    }
}
