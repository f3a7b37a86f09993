package io.promptwatch.statistics.boundary;

import static io.promptwatch.statistics.control.RReference.CLOSED_FORM;
import static io.promptwatch.statistics.control.RReference.ITERATIVE;
import static io.promptwatch.statistics.control.RReference.assertR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptwatch.statistics.boundary.PowerAnalysis.SampleSize;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sample size and power against R 4.2.2's power.t.test and power.prop.test (reference.R, sections
 * "Power"). R finds n with uniroot at tol = 1.2e-4 by default, so the reference sample sizes were
 * computed with tol = 1e-12; each also carries the per-group count R's default answer rounds up to.
 */
class PowerAnalysisTest {

    @ParameterizedTest(name = "delta {0}, sd {1}, alpha {2}, power {3}: n = {4}")
    @CsvSource({
            // delta, sd,  alpha, power, R: power.t.test(delta=, sd=, sig.level=, power=, tol = 1e-12)$n, ceiling
            "0.5,     1,   0.05,  0.8,   63.7657637248468,  64",
            "0.2,     1,   0.05,  0.9,   526.333371156287,  527",
            "2,       1.5, 0.01,  0.8,   14.8819141867306,  15",
            // a huge effect: R's uniroot extends below its interval [2, 1e7], so does this code
            "10,      1,   0.05,  0.8,   1.67468583876076,  2",
            // two-sided: the sign of delta does not matter
            "-0.3,    1,   0.05,  0.8,   175.385096597498,  176",
            "40,      120, 0.01,  0.95,  322.31844873033,   323",
            "0.01,    1,   0.05,  0.8,   156978.555041783,  156979",
            // beyond R's starting interval [2, 1e7], widened upwards by both
            "1e-4,    1,   0.05,  0.8,   1569775947.83018,  1569775948",
    })
    void sampleSizeForMeansAsR(double delta, double sd, double alpha, double power, double r, long perGroup) {
        SampleSize size = PowerAnalysis.forMeans(delta, sd, alpha, power);
        assertR(r, size.exact(), ITERATIVE, "power.t.test(delta = " + delta + ", sd = " + sd + ", sig.level = " + alpha
                + ", power = " + power + ")$n");
        assertEquals(perGroup, size.perGroup());
    }

    @ParameterizedTest(name = "n {0}, delta {1}, sd {2}, alpha {3}: power = {4}")
    @CsvSource({
            // n,   delta, sd,  alpha, R: power.t.test(n=, delta=, sd=, sig.level=)$power
            "20,    0.5,   1,   0.05,  0.337708365563488",
            "100,   0.3,   1,   0.01,  0.318370872755503",
            "2,     3,     1,   0.05,  0.387389350200811",
            "15.5,  0.8,   1.1, 0.05,  0.498983687661893",
            // no effect: strict = FALSE counts only one tail, so the power is alpha/2
            "50,    0,     1,   0.05,  0.025",
            // 2(n - 1) > 4e5 degrees of freedom: R's normal approximation of the noncentral t
            "1e6,   0.005, 1,   0.05,  0.942437327948079",
            "40,    3,     1,   0.05,  1",
    })
    void powerForMeansAsR(double n, double delta, double sd, double alpha, double r) {
        assertR(r, PowerAnalysis.powerForMeans(n, delta, sd, alpha), ITERATIVE,
                "power.t.test(n = " + n + ", delta = " + delta + ", sd = " + sd + ", sig.level = " + alpha + ")$power");
    }

    @ParameterizedTest(name = "p1 {0}, p2 {1}, alpha {2}, power {3}: n = {4}")
    @CsvSource({
            // p1,  p2,   alpha, power, R: power.prop.test(p1=, p2=, sig.level=, power=, tol = 1e-12)$n, ceiling
            "0.5,   0.75, 0.05,  0.9,   76.7069284517774,  77",
            "0.8,   0.83, 0.05,  0.8,   2628.63151514734,  2629",
            "0.05,  0.95, 0.05,  0.8,   3.34202643216503,  4",
            "0.3,   0.2,  0.01,  0.95,  664.552853270721,  665",
    })
    void sampleSizeForProportionsAsR(double p1, double p2, double alpha, double power, double r, long perGroup) {
        SampleSize size = PowerAnalysis.forProportions(p1, p2, alpha, power);
        // the closed form is exact; R's root was found to 1e-12, so the closed-form tolerance applies
        assertR(r, size.exact(), CLOSED_FORM, "power.prop.test(p1 = " + p1 + ", p2 = " + p2 + ", sig.level = " + alpha
                + ", power = " + power + ")$n");
        assertEquals(perGroup, size.perGroup());
    }

    @ParameterizedTest(name = "n {0}, p1 {1}, p2 {2}, alpha {3}: power = {4}")
    @CsvSource({
            // n,   p1,   p2,   alpha, R: power.prop.test(n=, p1=, p2=, sig.level=)$power
            "50,    0.5,  0.75, 0.05,  0.740165901331388",
            "1000,  0.83, 0.86, 0.05,  0.457603771962376",
            "10.5,  0.2,  0.6,  0.1,   0.597756100589418",
            "100,   0.4,  0.4,  0.05,  0.025",
    })
    void powerForProportionsAsR(double n, double p1, double p2, double alpha, double r) {
        assertR(r, PowerAnalysis.powerForProportions(n, p1, p2, alpha), CLOSED_FORM,
                "power.prop.test(n = " + n + ", p1 = " + p1 + ", p2 = " + p2 + ", sig.level = " + alpha + ")$power");
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("forMeans: no difference", "delta",
                        (Executable) () -> PowerAnalysis.forMeans(0, 1, 0.05, 0.8)),
                Arguments.of("forMeans: NaN difference", "delta",
                        (Executable) () -> PowerAnalysis.forMeans(Double.NaN, 1, 0.05, 0.8)),
                Arguments.of("forMeans: zero sd", "sd",
                        (Executable) () -> PowerAnalysis.forMeans(0.5, 0, 0.05, 0.8)),
                Arguments.of("forMeans: alpha 0", "alpha",
                        (Executable) () -> PowerAnalysis.forMeans(0.5, 1, 0, 0.8)),
                Arguments.of("forMeans: alpha 1", "alpha",
                        (Executable) () -> PowerAnalysis.forMeans(0.5, 1, 1, 0.8)),
                Arguments.of("forMeans: power 1", "power",
                        (Executable) () -> PowerAnalysis.forMeans(0.5, 1, 0.05, 1)),
                Arguments.of("forMeans: power NaN", "power",
                        (Executable) () -> PowerAnalysis.forMeans(0.5, 1, 0.05, Double.NaN)),
                Arguments.of("forMeans: a power below what two observations give, at a huge alpha", "power",
                        (Executable) () -> PowerAnalysis.forMeans(0.5, 1, 0.5, 0.1)),
                Arguments.of("powerForMeans: one per group", "nPerGroup",
                        (Executable) () -> PowerAnalysis.powerForMeans(1, 0.5, 1, 0.05)),
                Arguments.of("powerForMeans: negative sd", "sd",
                        (Executable) () -> PowerAnalysis.powerForMeans(20, 0.5, -1, 0.05)),
                Arguments.of("powerForMeans: alpha above 1", "alpha",
                        (Executable) () -> PowerAnalysis.powerForMeans(20, 0.5, 1, 1.5)),
                Arguments.of("forProportions: equal rates", "p1 and p2",
                        (Executable) () -> PowerAnalysis.forProportions(0.3, 0.3, 0.05, 0.8)),
                Arguments.of("forProportions: p1 above 1", "p1",
                        (Executable) () -> PowerAnalysis.forProportions(1.2, 0.3, 0.05, 0.8)),
                Arguments.of("forProportions: negative p2", "p2",
                        (Executable) () -> PowerAnalysis.forProportions(0.2, -0.3, 0.05, 0.8)),
                Arguments.of("forProportions: power 0", "power",
                        (Executable) () -> PowerAnalysis.forProportions(0.2, 0.3, 0.05, 0)),
                Arguments.of("powerForProportions: no observations", "nPerGroup",
                        (Executable) () -> PowerAnalysis.powerForProportions(0, 0.2, 0.3, 0.05)),
                Arguments.of("powerForProportions: NaN rate", "p2",
                        (Executable) () -> PowerAnalysis.powerForProportions(10, 0.2, Double.NaN, 0.05)),
                Arguments.of("powerForProportions: alpha NaN", "alpha",
                        (Executable) () -> PowerAnalysis.powerForProportions(10, 0.2, 0.3, Double.NaN)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void badInputIsRefusedNamingTheArgument(String description, String named, Executable call) {
        IllegalArgumentException refusal = assertThrows(IllegalArgumentException.class, call);
        assertTrue(refusal.getMessage().contains(named), () -> "the message should name " + named + ": " + refusal.getMessage());
    }
}
