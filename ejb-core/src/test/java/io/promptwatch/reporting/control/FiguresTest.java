package io.promptwatch.reporting.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.promptwatch.reporting.entity.Unit;
import org.junit.jupiter.api.Test;

/** How figures are written; each expectation is the value rounded by hand to the stated decimals. */
class FiguresTest {

    @Test
    void valuesByUnit() {
        assertEquals("91.25%", Figures.value(0.9125, Unit.RATE));
        assertEquals("57.14%", Figures.rate(12.0 / 21));           // 57.142857… %
        assertEquals("100.00%", Figures.rate(1.0));
        assertEquals("812.5 ms", Figures.ms(812.5));
        assertEquals("512.5", Figures.value(512.5, Unit.TOKENS));
        assertEquals("0.016667", Figures.cost(1.0 / 60));          // 0.0166666…
        assertEquals("4.20/5", Figures.satisfaction(4.2));
        assertEquals("0.780", Figures.quality(0.78));
        assertEquals("n/a", Figures.rate(null));
    }

    @Test
    void differencesAreSignedAndRatesMoveInPoints() {
        assertEquals("-3.75 pp", Figures.difference(-0.0375, Unit.RATE));
        assertEquals("+280.0 ms", Figures.difference(280.0, Unit.MS));
        assertEquals("+0.002500", Figures.difference(0.0025, Unit.COST));
        assertEquals("-0.070", Figures.qualityDelta(-0.07));
        // −0.00001 ms rounds to zero: no "-0.0"
        assertEquals("+0.0 ms", Figures.difference(-0.00001, Unit.MS));
        assertEquals("0.0 ms", Figures.ms(-0.00001));
    }

    @Test
    void unitlessNumbersKeepSixSignificantDigits() {
        assertEquals("2350", Figures.number(2350.0));
        assertEquals("0.1", Figures.number(0.1));
        assertEquals("0.0533333", Figures.number(0.16 / 3));      // 0.05333333…
        assertEquals("n/a", Figures.number(null));
    }
}
