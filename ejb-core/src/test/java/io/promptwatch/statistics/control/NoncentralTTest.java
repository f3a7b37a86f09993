package io.promptwatch.statistics.control;

import static io.promptwatch.statistics.control.RReference.ITERATIVE;
import static io.promptwatch.statistics.control.RReference.assertR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The AS 243 noncentral t against R 4.2.2's pt(q, df, ncp) (reference.R, section "Noncentral t"). */
class NoncentralTTest {

    @ParameterizedTest(name = "pt({0}, {1}, ncp = {2}) = {3}")
    @CsvSource({
            // q,    df,   ncp,  R: pt(q, df, ncp = ncp)
            "1.5,    10,   2,    0.304785447375594",
            "-1,     5.5,  0.5,  0.0810746669200254",
            "2,      3,    -1.5, 0.997119169927788",
            "12,     30,   10,   0.84947932220468",
            "0,      20,   1,    0.158655253931457",
            "-3,     1,    -2,   0.475142838266511",
    })
    void lowerTailAsR(double q, double df, double ncp, double r) {
        assertR(r, NoncentralT.cdf(q, df, ncp), ITERATIVE, "pt(" + q + ", " + df + ", ncp = " + ncp + ")");
    }

    @ParameterizedTest(name = "pt({0}, {1}, ncp = {2}, lower.tail = FALSE) = {3}")
    @CsvSource({
            // q,    df,    ncp,  R: pt(q, df, ncp = ncp, lower.tail = FALSE)
            "2.024,  38,    2.22, 0.580861096625164",
            "1.97,   200,   0.4,  0.0593787269867516",
            // df > 4e5: R (and this code) use the normal approximation of Abramowitz & Stegun 26.7.10
            "1.96,   1e6,   2.8,  0.799545717944755",
    })
    void upperTailAsR(double q, double df, double ncp, double r) {
        assertR(r, NoncentralT.upperTail(q, df, ncp), ITERATIVE, "pt(" + q + ", " + df + ", ncp = " + ncp + ", lower.tail = FALSE)");
    }

    @Test
    void infiniteArgumentsAreTheDistributionsEnds() {
        assertEquals(0.0, NoncentralT.cdf(Double.NEGATIVE_INFINITY, 5, 1));
        assertEquals(1.0, NoncentralT.cdf(Double.POSITIVE_INFINITY, 5, 1));
    }

    @Test
    void nonPositiveDegreesOfFreedomAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> NoncentralT.cdf(1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> NoncentralT.cdf(Double.NaN, 3, 1));
    }
}
