package io.promptwatch.statistics.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cohen's thresholds 0.2, 0.5 and 0.8, each the lower bound of the next band, for either sign. */
class MagnitudeTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "0,       NEGLIGIBLE",
            "0.1999,  NEGLIGIBLE",
            "0.2,     SMALL",
            "0.4999,  SMALL",
            "0.5,     MEDIUM",
            "0.7999,  MEDIUM",
            "0.8,     LARGE",
            "3.1,     LARGE",
            "-0.19,   NEGLIGIBLE",
            "-0.6,    MEDIUM",
            "-0.8,    LARGE",
            "Infinity, LARGE",
    })
    void cohensBands(double effect, Magnitude expected) {
        assertEquals(expected, Magnitude.of(effect));
    }

    @Test
    void nanIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Magnitude.of(Double.NaN));
    }
}
