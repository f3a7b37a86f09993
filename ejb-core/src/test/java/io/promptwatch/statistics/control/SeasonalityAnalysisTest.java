package io.promptwatch.statistics.control;

import static io.promptwatch.statistics.control.RReference.assertR;
import static io.promptwatch.statistics.control.Refusals.assertRefused;
import static io.promptwatch.statistics.control.ReferenceSeries.daily;
import static io.promptwatch.statistics.control.ReferenceSeries.dailyWithValue;
import static io.promptwatch.statistics.control.ReferenceSeries.hourly;
import static io.promptwatch.statistics.control.ReferenceSeries.HOURLY_START;
import static io.promptwatch.statistics.control.ReferenceSeries.series;
import static io.promptwatch.statistics.control.ReferenceSeries.swappedDaily;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hour-of-day and day-of-week seasonality against R 4.2.2 ({@code src/test/resources/statistics/reference-timeseries.R},
 * output in {@code reference-timeseries-output.txt}; data in {@link ReferenceSeries}). Closed forms agree
 * within a relative 1e-9.
 */
class SeasonalityAnalysisTest {

    // Seasonality: means by hour / weekday; anova(lm(value ~ factor(hour))), anova(lm(value ~ factor(weekday)))

    /** As {@link RReference#assertR(double[], double[], String)}, where NaN (no data) must meet NaN. */
    private static void assertMeans(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            if (Double.isNaN(expected[i])) {
                assertTrue(Double.isNaN(actual[i]), what + "[" + i + "]: R gives NaN, got " + actual[i]);
            } else {
                assertR(expected[i], actual[i], what + "[" + i + "]");
            }
        }
    }

    @Test
    void hourlySeriesHasADailyCycleAndDifferentDays() {
        Seasonality s = SeasonalityAnalysis.seasonality(hourly());
        // sapply(0:23, function(h) mean(hourly[hour == h]))
        assertMeans(new double[] {109.666666666667, 112.233333333333, 113.4, 115.866666666667, 116.566666666667, 116.9, 118.333333333333, 119.633333333333, 128.333333333333, 117.166666666667, 116.133333333333, 114.366666666667, 106.733333333333, 103.833333333333, 94.3333333333333, 101.866666666667, 100.3, 98.8666666666667, 100.3, 99.0333333333333, 101.266666666667, 102.5, 104.333333333333, 106.633333333333}, s.hourOfDayMeans(), "seasonality.hourly.hourOfDayMeans");
        // means by weekday, Monday first; the series covers Sunday to Wednesday
        assertMeans(new double[] {107.225, 111.445833333333, 121.691666666667, Double.NaN, Double.NaN, Double.NaN, 95.6166666666667}, s.dayOfWeekMeans(), "seasonality.hourly.dayOfWeekMeans");
        // anova(lm(hourly ~ factor(hour)))[1, c("F value", "Pr(>F)")]
        assertR(4.74608048557953, s.hourF(), "seasonality.hourly.hourF");
        assertR(2.71696756168267e-06, s.hourPValue(), "seasonality.hourly.hourPValue");
        // anova(lm(hourly ~ factor(weekday)))[1, c("F value", "Pr(>F)")]
        assertR(32.14667764627, s.dayF(), "seasonality.hourly.dayF");
        assertR(4.7034939725595e-13, s.dayPValue(), "seasonality.hourly.dayPValue");
    }

    @Test
    void dailySeriesAtMidnightHasOneHourLevelAndNoHourTest() {
        Seasonality s = SeasonalityAnalysis.seasonality(daily());
        double[] hours = s.hourOfDayMeans();
        // mean(daily): every point is at hour 0
        assertR(43.375, hours[0], "seasonality.daily.hourOfDayMeans[0]");
        for (int h = 1; h < 24; h++) {
            assertTrue(Double.isNaN(hours[h]), "hour " + h + " has no data");
        }
        assertTrue(Double.isNaN(s.hourF()) && Double.isNaN(s.hourPValue()), "one level: no F-test");
        assertMeans(new double[] {44.8666666666667, 43.4666666666667, 43.8333333333333, 44.2666666666667, 42.3666666666667, 39.8333333333333, 45.8}, s.dayOfWeekMeans(), "seasonality.daily.dayOfWeekMeans");
        // anova(lm(daily ~ factor(weekday)))
        assertR(0.391245666531094, s.dayF(), "seasonality.daily.dayF");
        assertR(0.871744194083586, s.dayPValue(), "seasonality.daily.dayPValue");
    }

    @Test
    void fTestIsUndefinedWithoutResidualDegreesOfFreedom() {
        // one point per hour: R's anova has 0 residual df and gives NaN
        Seasonality s = SeasonalityAnalysis.seasonality(series(HOURLY_START, Duration.ofHours(1), new double[] {1, 4, 2}));
        assertTrue(Double.isNaN(s.hourF()) && Double.isNaN(s.hourPValue()));
    }

    @Test
    void refusesAnEmptySeriesAndBadValues() {
        assertRefused("at least 1 point", () -> SeasonalityAnalysis.seasonality(List.of()));
        assertRefused("non-finite", () -> SeasonalityAnalysis.seasonality(dailyWithValue(7, Double.NaN)));
        assertRefused("sorted", () -> SeasonalityAnalysis.seasonality(swappedDaily()));
    }
}
