package io.promptwatch.statistics.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Reference values from R 4.2.2: {@code prop.test(x, n, correct = FALSE, conf.level = c)$conf.int}, printed with %.15g. */
class WilsonIntervalTest {

    @ParameterizedTest
    @CsvSource({
            "0, 10, 0.95, 0, 0.277532799862889",
            "3, 10, 0.95, 0.107791267406301, 0.603221852538855",
            "10, 10, 0.95, 0.722467200137111, 1",
            "45, 50, 0.95, 0.786397685625204, 0.95652423506811",
            "512, 1000, 0.95, 0.481032554406091, 0.542875603390256",
            "7, 20, 0.90, 0.202260040056761, 0.533487311151528"})
    void matchesR(long x, long n, double confidence, double low, double high) {
        WilsonInterval ci = WilsonInterval.of(x, n, confidence);
        assertEquals(low, ci.low(), 1e-9 * Math.max(1e-12, Math.abs(low)) + 1e-15);
        assertEquals(high, ci.high(), 1e-9 * Math.abs(high));
    }

    @Test
    void refusesImpossibleCounts() {
        assertThrows(IllegalArgumentException.class, () -> WilsonInterval.of(11, 10, 0.95));
        assertThrows(IllegalArgumentException.class, () -> WilsonInterval.of(1, 0, 0.95));
        assertThrows(IllegalArgumentException.class, () -> WilsonInterval.of(1, 10, 1.0));
    }
}
