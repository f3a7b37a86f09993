package io.promptwatch.reporting.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.promptwatch.reporting.entity.Trend;
import io.promptwatch.reporting.entity.Unit;
import org.junit.jupiter.api.Test;

/**
 * The trend words. Each expectation is worked by hand in its comment: the move today − yesterday
 * against the band (absolute for rates, relative to yesterday otherwise). The boundary cases use
 * binary-exact fractions (2^-7, 2^-4) so that "on the band" is exactly on it.
 */
class TrendsTest {

    private final Trends defaults = new Trends(0.005, 0.05);

    @Test
    void aRateMovesByPercentagePointsNotByItsOwnSize() {
        // 0.950 → 0.953: +0.003 ≤ 0.005 → flat; 0.950 → 0.960: +0.010 > 0.005 → up; 0.950 → 0.940: −0.010 → down
        assertEquals(Trend.FLAT, defaults.of(0.953, 0.95, Unit.RATE));
        assertEquals(Trend.UP, defaults.of(0.96, 0.95, Unit.RATE));
        assertEquals(Trend.DOWN, defaults.of(0.94, 0.95, Unit.RATE));
        // 0.02 → 0.03 is +0.01 > 0.005: up, although a relative band of 5 % would call it +50 %, and 0.990 → 0.986
        // (−0.004, 0.4 % relative) stays flat.
        assertEquals(Trend.UP, defaults.of(0.03, 0.02, Unit.RATE));
        assertEquals(Trend.FLAT, defaults.of(0.986, 0.99, Unit.RATE));
    }

    @Test
    void onTheBandIsFlatJustBeyondItIsNot() {
        Trends exact = new Trends(0.0078125, 0.0625);
        // rate: 0.5 → 0.5078125 moves exactly 2^-7 = the band → flat; 0.5 → 0.515625 moves 2^-6 → up
        assertEquals(Trend.FLAT, exact.of(0.5078125, 0.5, Unit.RATE));
        assertEquals(Trend.FLAT, exact.of(0.4921875, 0.5, Unit.RATE));
        assertEquals(Trend.UP, exact.of(0.515625, 0.5, Unit.RATE));
        // latency: band 0.0625 × 512 = 32 ms; 512 → 544 flat, 512 → 545 up, 512 → 479 down
        assertEquals(Trend.FLAT, exact.of(544.0, 512.0, Unit.MS));
        assertEquals(Trend.UP, exact.of(545.0, 512.0, Unit.MS));
        assertEquals(Trend.DOWN, exact.of(479.0, 512.0, Unit.MS));
    }

    @Test
    void otherFiguresMoveRelativeToTheDayBefore() {
        // 600 → 640 ms: +40 > 0.05 × 600 = 30 → up; 600 → 630: +30 = 30 → flat; 600 → 569: −31 → down
        assertEquals(Trend.UP, defaults.of(640.0, 600.0, Unit.MS));
        assertEquals(Trend.FLAT, defaults.of(630.0, 600.0, Unit.MS));
        assertEquals(Trend.DOWN, defaults.of(569.0, 600.0, Unit.MS));
        // tokens 500 → 512.5: +12.5 ≤ 25 → flat; cost 3.0 → 3.6: +0.6 > 0.15 → up
        assertEquals(Trend.FLAT, defaults.of(512.5, 500.0, Unit.TOKENS));
        assertEquals(Trend.UP, defaults.of(3.6, 3.0, Unit.COST));
        // from 0 only an unchanged 0 is flat
        assertEquals(Trend.FLAT, defaults.of(0.0, 0.0, Unit.COST));
        assertEquals(Trend.UP, defaults.of(0.01, 0.0, Unit.COST));
    }

    @Test
    void countsMoveRelativelyAndANewTypeIsUp() {
        // 5 → 12: +7 > 0.25 → up; 6 → 6 flat; 0 → 3 up (band 0); 20 → 19: −1 ≤ 1 → flat; 3 → 0: −3 > 0.15 → down
        assertEquals(Trend.UP, defaults.ofCounts(12, 5));
        assertEquals(Trend.FLAT, defaults.ofCounts(6, 6));
        assertEquals(Trend.UP, defaults.ofCounts(3, 0));
        assertEquals(Trend.FLAT, defaults.ofCounts(19, 20));
        assertEquals(Trend.DOWN, defaults.ofCounts(0, 3));
    }

    @Test
    void noTrendWithoutBothDays() {
        assertNull(defaults.of(null, 0.9, Unit.RATE));
        assertNull(defaults.of(0.9, null, Unit.RATE));
        assertNull(defaults.of(null, null, Unit.MS));
    }

    @Test
    void wordsAndArrows() {
        assertEquals("up", Trend.UP.word());
        assertEquals("\u2191", Trend.UP.arrow());
        assertEquals("down", Trend.DOWN.word());
        assertEquals("\u2193", Trend.DOWN.arrow());
        assertEquals("flat", Trend.FLAT.word());
        assertEquals("\u2192", Trend.FLAT.arrow());
    }

    @Test
    void aNegativeToleranceIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Trends(-0.1, 0.05));
        assertThrows(IllegalArgumentException.class, () -> new Trends(0.005, Double.NaN));
    }
}
