package io.promptwatch.statistics.control;

import static io.promptwatch.statistics.control.RReference.assertR;
import static io.promptwatch.statistics.control.Refusals.assertRefused;
import static io.promptwatch.statistics.control.ReferenceSeries.daily;
import static io.promptwatch.statistics.control.ReferenceSeries.dailyWithValue;
import static io.promptwatch.statistics.control.ReferenceSeries.DAILY_START;
import static io.promptwatch.statistics.control.ReferenceSeries.hourly;
import static io.promptwatch.statistics.control.ReferenceSeries.HOURLY_START;
import static io.promptwatch.statistics.control.ReferenceSeries.series;
import static io.promptwatch.statistics.control.ReferenceSeries.spiky;
import static io.promptwatch.statistics.control.ReferenceSeries.swappedDaily;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The three anomaly rules against R 4.2.2 ({@code src/test/resources/statistics/reference-timeseries.R},
 * output in {@code reference-timeseries-output.txt}; data in {@link ReferenceSeries}). Closed forms agree
 * within a relative 1e-9.
 */
class AnomalyDetectionTest {

    // Anomalies: mean, sd, quantile(type = 7), median, mad(constant = 1); flagged 0-based indices and scores

    private static void assertAnomalies(String name, double[] summary, int[] z, double[] zScores, int[] iqr,
                                        double[] iqrScores, int[] mad, double[] madScores, Anomalies actual) {
        assertR(summary[0], actual.mean(), name + ".mean");
        assertR(summary[1], actual.sd(), name + ".sd");
        assertR(summary[2], actual.q1(), name + ".q1");
        assertR(summary[3], actual.median(), name + ".median");
        assertR(summary[4], actual.q3(), name + ".q3");
        assertR(summary[5], actual.madRaw(), name + ".madRaw");
        assertFlagged(name + ".zScore", z, zScores, actual.zScore());
        assertFlagged(name + ".iqr", iqr, iqrScores, actual.iqr());
        assertFlagged(name + ".mad", mad, madScores, actual.mad());
    }

    private static void assertFlagged(String name, int[] indices, double[] scores, List<Anomaly> actual) {
        assertArrayEquals(indices, actual.stream().mapToInt(Anomaly::index).toArray(), name + ".index");
        assertR(scores, actual.stream().mapToDouble(Anomaly::score).toArray(), name + ".score");
    }

    @Test
    void hourlyOutlierUpIsFlaggedByZAndIqrButNotByMad() {
        Anomalies a = AnomalyDetection.anomalies(hourly());
        // mean, sd, quantile(hourly, c(.25, .75), type = 7), median, mad(hourly, constant = 1)
        assertAnomalies("anomalies.hourly", new double[] {109.108333333333, 10.1627842198185,
            102.125, 108.95, 116.425, 7.35},
            new int[] {20}, new double[] {3.01016591565624},
            new int[] {20}, new double[] {1.62762237762238},
            new int[] {}, new double[] {}, a);
        Anomaly up = a.zScore().get(0);
        assertEquals(HOURLY_START.plus(Duration.ofHours(20)), up.time());
        assertEquals(139.7, up.value());
    }

    @Test
    void dailySeriesHasNoAnomalies() {
        assertAnomalies("anomalies.daily", new double[] {43.375, 4.6247475037762,
            40.375, 43.45, 47.625, 3.85},
            new int[] {}, new double[] {}, new int[] {}, new double[] {}, new int[] {}, new double[] {},
            AnomalyDetection.anomalies(daily()));
    }

    @Test
    void spikyLatenciesAreFlaggedByTheRobustRulesBothWays() {
        // with n = 14 one spike inflates sd so much that z only reaches the spike
        assertAnomalies("anomalies.spiky", new double[] {223.642857142857, 130.769678409059,
            199.5, 206, 213.5, 7.5},
            new int[] {5}, new double[] {3.18389666413907},
            new int[] {5, 10}, new double[] {30.4642857142857, -13.3928571428571},
            new int[] {5, 10}, new double[] {39.0310666666667, -17.4470666666667}, AnomalyDetection.anomalies(spiky()));
    }

    @Test
    void zeroSpreadFlagsEveryOtherValueWithAnInfiniteScore() {
        // quartiles 5 and 5, median 5, mad 0: the fences collapse; z of the 9 is (9 - 17/3)/sd = 2.04
        Anomalies a = AnomalyDetection.anomalies(series(DAILY_START, Duration.ofDays(1), new double[] {5, 5, 9, 5, 5, 5}));
        assertEquals(0.0, a.madRaw());
        assertEquals(List.of(), a.zScore());
        assertEquals(1, a.iqr().size());
        assertEquals(2, a.iqr().get(0).index());
        assertEquals(Double.POSITIVE_INFINITY, a.iqr().get(0).score());
        assertEquals(1, a.mad().size());
        assertEquals(Double.POSITIVE_INFINITY, a.mad().get(0).score());
    }

    @Test
    void quantileType7InterpolatesAsR() {
        double[] sorted = {1, 2, 4, 8, 16};
        // quantile(c(1, 2, 4, 8, 16), c(0, .1, .25, .5, .9, 1), type = 7)
        assertEquals(1.0, AnomalyDetection.quantileType7(sorted, 0));
        assertEquals(1.4, AnomalyDetection.quantileType7(sorted, 0.1), 1e-15);
        assertEquals(2.0, AnomalyDetection.quantileType7(sorted, 0.25));
        assertEquals(4.0, AnomalyDetection.quantileType7(sorted, 0.5));
        assertEquals(12.8, AnomalyDetection.quantileType7(sorted, 0.9), 1e-14);
        assertEquals(16.0, AnomalyDetection.quantileType7(sorted, 1));
    }

    @Test
    void refusesTooFewPointsAndBadValues() {
        assertRefused("at least 4 points", () -> AnomalyDetection.anomalies(daily().subList(0, 3)));
        assertRefused("non-finite", () -> AnomalyDetection.anomalies(dailyWithValue(7, Double.NaN)));
        assertRefused("sorted", () -> AnomalyDetection.anomalies(swappedDaily()));
    }
}
