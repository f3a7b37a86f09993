package io.promptwatch.statistics.control;

import static io.promptwatch.statistics.control.RReference.assertR;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Student's t tails and quantiles against R 4.2.2 (reference.R, section "Student's t"), including the
 * large degrees of freedom of big experiments, where the incomplete beta function alone would lose
 * digits and R switches to a normal approximation.
 */
class DistributionsTest {

    @ParameterizedTest(name = "df {0}")
    @CsvSource({
            // df,    R: 2 * pt(-2.5, df),  2 * pt(-8, df),         qt(0.025, df, lower.tail = FALSE)
            "3.5,     0.0756946438094901,  0.00227732644472048,   2.94008863798273",
            "1e5,     0.012420919192559,   1.25739198762563e-15,  1.95998770753461",
            "1e7,     0.0124193465365785,  1.24432348028067e-15,  1.95996422176721",
            "1e12,    0.0124193306517111,  1.24419211616795e-15,  1.95996398454243",
    })
    void studentTailsAndQuantilesAsR(double df, double twoSided25, double twoSided8, double upperQuantile) {
        assertR(twoSided25, Distributions.studentTwoSided(2.5, df), "2 * pt(-2.5, " + df + ")");
        assertR(twoSided25, Distributions.studentTwoSided(-2.5, df), "2 * pt(-2.5, " + df + ") for t = -2.5");
        assertR(twoSided8, Distributions.studentTwoSided(8, df), "2 * pt(-8, " + df + ")");
        assertR(upperQuantile, Distributions.studentUpperQuantile(0.025, df), "qt(0.025, " + df + ", lower.tail = FALSE)");
    }
}
