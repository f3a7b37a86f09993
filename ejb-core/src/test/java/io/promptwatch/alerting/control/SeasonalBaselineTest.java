package io.promptwatch.alerting.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The seasonal baseline of the anomaly comparison. R is not installed on the build machine: the medians
 * and MADs of the small vectors are computed by hand in the comments and checked with Python 3's
 * {@code statistics} module (script beside each); R's {@code median(x)} and {@code mad(x)} give the same
 * by definition (mad = 1.4826 × median(|x − median(x)|)).
 */
class SeasonalBaselineTest {

    /** The judged day; its hours and the history are keyed by hour start. */
    private static final Instant DAY = Instant.parse("2026-03-09T00:00:00Z");
    private static final double EXACT = 1e-9;

    private static Instant at(int dayOffset, int hour) {
        return DAY.plus(Duration.ofDays(dayOffset)).plus(Duration.ofHours(hour));
    }

    /** The values at {@code hour} + {@code offset} on the 7 previous days, oldest (day −7) first. */
    private static void put(SortedMap<Instant, Double> map, int hour, int offset, double... values) {
        for (int i = 0; i < values.length; i++) {
            map.put(at(i - 7, hour + offset), values[i]);
        }
    }

    @Test
    void medianAndMadOfTheSameHourAloneWithAnIncidentDayAmongThem() {
        // 03:00 on days −7..−1; the neighbouring hours have no data. Day −3 had an incident (1200).
        // By hand: sorted 290 295 300 305 310 330 1200 → median 305
        //   |310−305|=5, |295−305|=10, |330−305|=25, |300−305|=5, |1200−305|=895, |305−305|=0, |290−305|=15
        //   sorted 0 5 5 10 15 25 895 → median 10 → MAD = 1.4826 × 10 = 14.826
        //   z(420) = (420 − 305)/14.826 = 7.756643733980845; z(250) = −55/14.826 = −3.7096991771212737
        // python3: from statistics import median; x=[310,295,330,300,1200,305,290]; m=median(x)
        //          mad=1.4826*median([abs(v-m) for v in x]); print(m, mad, (420-m)/mad, (250-m)/mad)
        SortedMap<Instant, Double> hourly = new TreeMap<>();
        put(hourly, 3, 0, 310, 295, 330, 300, 1200, 305, 290);
        SeasonalBaseline baseline = new SeasonalBaseline(3.5);

        SeasonalComparison high = baseline.compare(hourly, 420, at(0, 3).plusSeconds(20 * 60));
        assertEquals(7, high.points());
        assertEquals(305, high.median(), EXACT);
        assertEquals(14.826, high.mad(), EXACT);
        assertEquals(14.826, high.scale(), EXACT);
        assertEquals(7.756643733980845, high.score(), EXACT);
        assertTrue(high.anomalous());
        assertTrue(high.high());
        assertFalse(high.low());
        assertNull(high.warning());

        SeasonalComparison low = baseline.compare(hourly, 250, at(0, 3));
        assertEquals(-3.7096991771212737, low.score(), EXACT);
        assertTrue(low.anomalous());
        assertTrue(low.low());

        // 330 is within: z = 25/14.826 = 1.686
        assertFalse(baseline.compare(hourly, 330, at(0, 3)).anomalous());
    }

    @Test
    void neighbouringHoursBringTheirSpreadShiftedToTheSameHoursLevel() {
        // same hour 03:00: 400 410 390 405 395 420 380 → median 400
        // 04:00:           500 520 490 505 510 480 515 → median 505 → shifted by −105: 395 415 385 400 405 375 410
        // 02:00:           350 345 360 340 355 352 348 → median 350 → shifted by +50:  400 395 410 390 405 402 398
        // pooled, sorted: 375 380 385 390 390 395 395 395 398 400 400 400 402 405 405 405 410 410 410 415 420
        //   median (11th of 21) = 400; |x − 400| sorted: 0 0 0 2 2 5 5 5 5 5 5 10 … → 11th = 5 → MAD = 7.413
        //   z(480) = 80/7.413 = 10.791852151625523
        // Unshifted, the pooled MAD would be 74.13 (python3 below, "raw"): the cycle's slope, not noise.
        // python3: from statistics import median
        //   s=[400,410,390,405,395,420,380]; u=[500,520,490,505,510,480,515]; d=[350,345,360,340,355,352,348]
        //   r=s+[v+median(s)-median(u) for v in u]+[v+median(s)-median(d) for v in d]; m=median(r)
        //   print(m, 1.4826*median([abs(v-m) for v in r]), (480-m)/(1.4826*median([abs(v-m) for v in r])))
        //   raw=s+u+d; print(median(raw), 1.4826*median([abs(v-median(raw)) for v in raw]))
        SortedMap<Instant, Double> hourly = new TreeMap<>();
        put(hourly, 3, 0, 400, 410, 390, 405, 395, 420, 380);
        put(hourly, 3, 1, 500, 520, 490, 505, 510, 480, 515);
        put(hourly, 3, -1, 350, 345, 360, 340, 355, 352, 348);

        SeasonalComparison c = new SeasonalBaseline(3.5).compare(hourly, 480, at(0, 3));
        assertEquals(21, c.points());
        assertEquals(400, c.median(), EXACT);
        assertEquals(7.413, c.mad(), EXACT);
        assertEquals(10.791852151625523, c.score(), EXACT);
        assertTrue(c.high());
    }

    @Test
    void aNeighbourHourWithFewerThanThreeValuesIsLeftOut() {
        SortedMap<Instant, Double> hourly = new TreeMap<>();
        put(hourly, 3, 0, 400, 410, 390, 405, 395, 420, 380);
        hourly.put(at(-2, 4), 500.0);
        hourly.put(at(-1, 4), 520.0);
        put(hourly, 3, -1, 350, 345, 360, 340, 355, 352, 348);
        assertEquals(14, new SeasonalBaseline(3.5).compare(hourly, 400, at(0, 3)).points());
    }

    @Test
    void missingNullAndNonFiniteHoursAreHoursWithoutData() {
        SortedMap<Instant, Double> hourly = new TreeMap<>();
        put(hourly, 3, 0, 310, 295, 330, 300, 1200, 305, 290);
        put(hourly, 3, 1, 0, 0, 0, 0, 0, 0, 0);
        hourly.put(at(-7, 4), null);
        hourly.put(at(-6, 4), Double.NaN);
        hourly.put(at(-5, 4), Double.POSITIVE_INFINITY);
        hourly.put(at(-4, 4), null);
        hourly.put(at(-3, 4), null);
        // 04:00 keeps 2 values (days −2, −1): left out; the result is the same-hour case above
        SeasonalComparison c = new SeasonalBaseline(3.5).compare(hourly, 420, at(0, 3));
        assertEquals(7, c.points());
        assertEquals(7.756643733980845, c.score(), EXACT);
    }

    @Test
    void todaysHoursAndOlderDaysAreNotPartOfTheReference() {
        SortedMap<Instant, Double> hourly = new TreeMap<>();
        put(hourly, 3, 0, 310, 295, 330, 300, 1200, 305, 290);
        // the judged hour and the one before it (an incident under way), and day −8: all ignored
        hourly.put(at(0, 3), 5000.0);
        hourly.put(at(0, 2), 5000.0);
        hourly.put(at(-8, 3), 5000.0);
        SeasonalComparison c = new SeasonalBaseline(3.5).compare(hourly, 420, at(0, 3));
        assertEquals(7, c.points());
        assertEquals(305, c.median(), EXACT);
    }

    @Test
    void tooFewReferenceValuesLeaveTheScoreUndefined() {
        SortedMap<Instant, Double> hourly = new TreeMap<>();
        put(hourly, 3, 0, 310, 295, 330, 300, 1200, 305, 290);
        SeasonalBaseline baseline = new SeasonalBaseline(3.5, 7);
        assertNotNull(baseline.compare(hourly, 420, at(0, 3)).score(), "7 values, the minimum");

        hourly.remove(at(-7, 3));
        SeasonalComparison c = baseline.compare(hourly, 5000, at(0, 3));
        assertEquals(6, c.points());
        assertNull(c.score());
        assertNull(c.median());
        assertNull(c.mad());
        assertFalse(c.anomalous());
        assertFalse(c.high());
        assertEquals("only 6 reference values (the hours 02:00, 03:00 and 04:00 UTC on the previous 7 days);"
                + " at least 7 are needed", c.warning());
    }

    @Test
    void aZeroMadFallsBackToTheMeanAbsoluteDeviation() {
        // error rate at 03:00: 0 on six nights, 0.02 on one → median 0, MAD 0 (six deviations of 0)
        // mean absolute deviation = 0.02/7 = 0.002857142857142857; scale = 1.253314 × that = 0.0035808971428571428
        // z(0.05) = 0.05/0.0035808971428571428 = 13.962981343861156; z(0.003) = 0.8377788806316694
        // python3: from statistics import median, mean; e=[0,0,0,0,0.02,0,0]; s=1.253314*mean(e); print(s, .05/s, .003/s)
        SortedMap<Instant, Double> hourly = new TreeMap<>();
        put(hourly, 3, 0, 0, 0, 0, 0, 0.02, 0, 0);
        SeasonalBaseline baseline = new SeasonalBaseline(3.5);

        SeasonalComparison c = baseline.compare(hourly, 0.05, at(0, 3));
        assertEquals(0, c.median(), EXACT);
        assertEquals(0, c.mad(), EXACT);
        assertEquals(0.0035808971428571428, c.scale(), 1e-15);
        assertEquals(13.962981343861156, c.score(), 1e-9);
        assertTrue(c.high());
        assertTrue(c.warning().startsWith("the MAD is 0"), c.warning());

        SeasonalComparison quiet = baseline.compare(hourly, 0.003, at(0, 3));
        assertEquals(0.8377788806316694, quiet.score(), 1e-9);
        assertFalse(quiet.anomalous());
    }

    @Test
    void aConstantReferenceFlagsAnyOtherValueWithoutAScore() {
        SortedMap<Instant, Double> hourly = new TreeMap<>();
        put(hourly, 3, 0, 0, 0, 0, 0, 0, 0, 0);
        SeasonalBaseline baseline = new SeasonalBaseline(3.5);

        SeasonalComparison same = baseline.compare(hourly, 0, at(0, 3));
        assertNull(same.score());
        assertNull(same.scale());
        assertFalse(same.anomalous());
        assertEquals("all 7 reference values are 0.0: there is no spread to score against, and any other value is"
                + " outside the usual range", same.warning());

        SeasonalComparison other = baseline.compare(hourly, 0.01, at(0, 3));
        assertNull(other.score());
        assertTrue(other.high());

        put(hourly, 3, 0, 5, 5, 5, 5, 5, 5, 5);
        assertFalse(baseline.compare(hourly, 5 + 1e-12, at(0, 3)).anomalous(), "rounding is not a difference");
        assertTrue(baseline.compare(hourly, 4.9, at(0, 3)).low());
    }

    @Test
    void scoresStayFiniteWhenTheScaleIsTiny() {
        SortedMap<Instant, Double> hourly = new TreeMap<>();
        put(hourly, 3, 0, 0, 0, 0, Double.MIN_VALUE, 2 * Double.MIN_VALUE, 3 * Double.MIN_VALUE, 0);
        SeasonalComparison c = new SeasonalBaseline(3.5).compare(hourly, 1e300, at(0, 3));
        assertTrue(Double.isFinite(c.score()));
        assertTrue(c.high());
    }

    @Test
    void refusesNonsenseSettingsAndValues() {
        assertThrows(IllegalArgumentException.class, () -> new SeasonalBaseline(0));
        assertThrows(IllegalArgumentException.class, () -> new SeasonalBaseline(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new SeasonalBaseline(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> new SeasonalBaseline(3.5, 2));
        assertThrows(IllegalArgumentException.class,
                () -> new SeasonalBaseline(3.5).compare(new TreeMap<>(), Double.NaN, DAY));
    }

    // ---- a seeded synthetic week with a daily cycle ----

    /** Latency level of the hour of day: 300 ms at midnight, 900 ms at noon (a cosine cycle). */
    private static double level(int hourOfDay) {
        return 600 - 300 * Math.cos(2 * Math.PI * hourOfDay / 24);
    }

    /**
     * Hourly latency from day −7 00:00 to day 0 23:00: the cycle plus normal noise of 30 ms (seed 18),
     * an incident on day −4 at 03:00 (1500 ms) and two hours without data.
     */
    private static SortedMap<Instant, Double> syntheticWeek() {
        Random random = new Random(18);
        SortedMap<Instant, Double> hourly = new TreeMap<>();
        for (int day = -7; day <= 0; day++) {
            for (int hour = 0; hour < 24; hour++) {
                hourly.put(at(day, hour), level(hour) + 30 * random.nextGaussian());
            }
        }
        hourly.put(at(-4, 3), 1500.0);
        hourly.put(at(-2, 12), null);
        hourly.remove(at(-6, 13));
        return hourly;
    }

    @Test
    void syntheticWeekFlagsNoonLatencyAtThreeInTheMorningOnly() {
        // levels by the formula above: 03:00 → 600 − 300·cos(π/4) = 387.9 ms, 12:00 → 900 ms
        SortedMap<Instant, Double> week = syntheticWeek();
        SeasonalBaseline baseline = new SeasonalBaseline(3.5);

        SeasonalComparison night = baseline.compare(week, 900, at(0, 3).plusSeconds(5 * 60));
        assertEquals(21, night.points());
        assertEquals(387.9, night.median(), 30, "near the 03:00 level despite the 1500 ms incident");
        assertTrue(night.high(), () -> "900 ms at 03:00: " + night);

        SeasonalComparison noon = baseline.compare(week, 900, at(0, 12).plusSeconds(5 * 60));
        assertEquals(19, noon.points(), "12:00 on day −2 and 13:00 on day −6 have no data");
        assertEquals(900, noon.median(), 30);
        assertFalse(noon.anomalous(), () -> "900 ms at 12:00: " + noon);

        SeasonalComparison lowAtNoon = baseline.compare(week, 300, at(0, 12));
        assertTrue(lowAtNoon.low(), () -> "300 ms at 12:00: " + lowAtNoon);
        assertTrue(lowAtNoon.score() < -3.5);
    }

    @Test
    void syntheticWeekLeavesEveryHourOfANormalDayQuiet() {
        // day 0 follows the same cycle and noise as the week before it: no hour may be flagged
        SortedMap<Instant, Double> week = syntheticWeek();
        SeasonalBaseline baseline = new SeasonalBaseline(3.5);
        for (int hour = 0; hour < 24; hour++) {
            double value = week.get(at(0, hour));
            SeasonalComparison c = baseline.compare(week, value, at(0, hour));
            assertFalse(c.anomalous(), "hour " + hour + ": " + c);
            assertNull(c.warning());
        }
    }

    @Test
    void syntheticWeekShiftedByThreeHoursIsCaughtOnTheRamp() {
        // the day's cycle arrives 3 hours early: at 07:00 the value of 10:00 (level 859.8 ms against 677.6 ms)
        SortedMap<Instant, Double> week = syntheticWeek();
        SeasonalComparison c = new SeasonalBaseline(3.5).compare(week, level(10), at(0, 7));
        assertTrue(c.high(), () -> "10:00's level at 07:00: " + c);
    }
}
