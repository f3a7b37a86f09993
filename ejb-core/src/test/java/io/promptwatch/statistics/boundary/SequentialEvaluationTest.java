package io.promptwatch.statistics.boundary;

import static io.promptwatch.statistics.control.RReference.assertR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptwatch.statistics.boundary.SequentialEvaluation.ArmData;
import io.promptwatch.statistics.entity.Decision;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The decision rule on data chosen to sit on either side of each threshold. Every expected p-value
 * comes from {@code src/test/resources/statistics/reference-sequential.py} (Python's standard library:
 * the mSPRT of Johari, Koomen, Pekelis and Walsh, "Peeking at A/B tests", KDD 2017, and Holm's
 * adjustment, written there from the papers; output in {@code reference-sequential-output.txt}), each
 * quoted under its name in that file.
 *
 * <p>The success cases follow ExperimentIT's experiment: control rate 0.7, minimum detectable effect
 * 0.1 (the mixing scale tau), alpha 0.05, power 0.8, one variant, so the planned size is R 4.2.2's
 * {@code power.prop.test(p1 = 0.7, p2 = 0.8, sig.level = 0.05, power = 0.8)$n = 293.1513}, 294 per arm
 * (the script's closed form gives planned.n = 293.151285506486).
 */
class SequentialEvaluationTest {

    private static final double RATE = 0.7;
    private static final double EFFECT = 0.1;
    private static final double ALPHA = 0.05;
    private static final double POWER = 0.8;
    private static final long PLANNED = PowerAnalysis.forProportions(RATE, RATE + EFFECT, ALPHA, POWER).perGroup();

    @Test
    void thePlannedSizeIsRsPowerPropTest() {
        assertR(293.151285506486, PowerAnalysis.forProportions(RATE, RATE + EFFECT, ALPHA, POWER).exact(), "planned.n");
        assertEquals(294, PLANNED);
    }

    @Test
    void aVariantWinsOnceItsAlwaysValidPValueFallsBelowAlpha() {
        // better165: 165 of 200 against 140 of 200, p = 0.060890656450196: not yet
        Evaluation before = success(140, 200, 165, 200);
        assertR(0.060890656450196, before.variants().get(0).pValue(), "better165.pValue");
        assertR(16.4228809196354, before.variants().get(0).likelihoodRatio(), "better165.likelihoodRatio");
        assertEquals(Decision.CONTINUE, before.decision());
        assertNull(before.winner());

        // better166: one success more, p = 0.0431165983764791, decided well before the planned 294 per arm
        Evaluation after = success(140, 200, 166, 200);
        assertR(0.0431165983764791, after.variants().get(0).pValue(), "better166.pValue");
        assertEquals(Decision.WINS, after.decision());
        assertEquals("B", after.winner());
        assertTrue(after.progress() < 1);
    }

    @Test
    void aVariantHarmsOnceItIsSignificantlyWorse() {
        // worse165 and worse166: the same distances the other way round, same p-values
        Evaluation before = success(165, 200, 140, 200);
        assertR(0.060890656450196, before.variants().get(0).pValue(), "worse165.pValue");
        assertEquals(Decision.CONTINUE, before.decision());

        Evaluation after = success(166, 200, 140, 200);
        assertR(0.0431165983764791, after.variants().get(0).pValue(), "worse166.pValue");
        assertEquals(Decision.HARMS, after.decision());
        assertNull(after.winner());
    }

    @Test
    void equalArmsContinueUntilThePlannedSizeThenStop() {
        // equal293, equal294: p = 1 both times (Lambda 0.355 < 1); only the planned size decides
        Evaluation early = success(205, 293, 206, 293);
        assertEquals(1.0, early.variants().get(0).pValue());
        assertEquals(Decision.CONTINUE, early.decision());
        assertEquals(293.0 / 294, early.progress(), 1e-12);

        Evaluation planned = success(206, 294, 207, 294);
        assertEquals(1.0, planned.variants().get(0).pValue());
        assertEquals(Decision.NO_DIFFERENCE, planned.decision());
        assertEquals(1.0, planned.progress());
    }

    @Test
    void forLatencyLowerIsBetter() {
        // latency-8, latency-9, latency+9: tau = 10 ms; the planned size (1000) is not reached, the test decides
        assertEquals(Decision.CONTINUE, latency(-8, 0.10237683269688).decision());
        Evaluation faster = latency(-9, 0.039725798305337);
        assertEquals(Decision.WINS, faster.decision());
        assertEquals("B", faster.winner());
        assertEquals(-9, faster.variants().get(0).difference(), 1e-9);
        assertEquals(Decision.HARMS, latency(9, 0.039725798305337).decision());
    }

    /**
     * Three variants against control 140 of 200, Holm over three: counts of B, C and D (successes, n),
     * then the script's difference, pValue and pValueHolm per variant under the case's name.
     */
    static Stream<Arguments> threeVariants() {
        return Stream.of(
                // C (85 of 100) is further ahead than B (169 of 200) but on half the data; unadjusted, both p-values
                // are below alpha and C would be the winner, the further ahead; Holm over three keeps only B
                Arguments.of("holmPicksTheWinner", new long[] {169, 200, 85, 100, 145, 200},
                        new double[] {0.145, 0.15, 0.025},
                        new double[] {0.0135042024911714, 0.0454121343911332, 1},
                        new double[] {0.0405126074735142, 0.0908242687822664, 1},
                        new boolean[] {true, false, false}, Decision.WINS, "B"),
                // each raw p-value alone is below alpha; Holm makes each 0.061
                Arguments.of("holmHoldsBack", new long[] {166, 200, 167, 200, 168, 200},
                        new double[] {0.13, 0.135, 0.14},
                        new double[] {0.0431165983764791, 0.0299161597244326, 0.0203223990816792},
                        new double[] {0.0609671972450376, 0.0609671972450376, 0.0609671972450376},
                        new boolean[] {false, false, false}, Decision.CONTINUE, null),
                // B better with raw p 0.030, C worse with raw p 0.014; after Holm only the harm counts
                Arguments.of("holmLeavesOnlyHarm", new long[] {167, 200, 106, 200, 141, 200},
                        new double[] {0.135, -0.17, 0.005},
                        new double[] {0.0299161597244326, 0.0138349564234789, 1},
                        new double[] {0.0598323194488651, 0.0415048692704366, 1},
                        new boolean[] {false, true, false}, Decision.HARMS, null),
                // B better and C worse, both significant after Holm: the win decides
                Arguments.of("aWinBeatsAHarm", new long[] {175, 200, 100, 200, 141, 200},
                        new double[] {0.175, -0.2, 0.005},
                        new double[] {0.000691049745547165, 0.0019669112815406, 1},
                        new double[] {0.0020731492366415, 0.00393382256308121, 1},
                        new boolean[] {true, true, false}, Decision.WINS, "B"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("threeVariants")
    void holmDecidesAmongThreeVariants(String name, long[] counts, double[] differences, double[] pValues, double[] holm,
                                       boolean[] significant, Decision decision, String winner) {
        Evaluation e = SequentialEvaluation.evaluate(List.of(counts("A", 140, 200), counts("B", counts[0], counts[1]),
                counts("C", counts[2], counts[3]), counts("D", counts[4], counts[5])), EFFECT, ALPHA, true, PLANNED);

        assertEquals(3, e.variants().size());
        for (int i = 0; i < 3; i++) {
            Evaluation.VariantResult r = e.variants().get(i);
            assertEquals(differences[i], r.difference(), 1e-12, name + ".difference of " + r.version());
            assertR(pValues[i], r.pValue(), name + ".pValue of " + r.version());
            assertR(holm[i], r.pValueHolm(), name + ".pValueHolm of " + r.version());
            assertEquals(significant[i], r.significant(), name + ": significance of " + r.version());
        }
        assertEquals(decision, e.decision());
        assertEquals(winner, e.winner());
    }

    @Test
    void tooLittleDataContinues() {
        Evaluation e = success(0, 0, 1, 1);
        assertEquals(Decision.CONTINUE, e.decision());
        assertTrue(e.variants().isEmpty());
    }

    private static Evaluation success(long sc, long nc, long sv, long nv) {
        return SequentialEvaluation.evaluate(List.of(counts("A", sc, nc), counts("B", sv, nv)), EFFECT, ALPHA, true, PLANNED);
    }

    private static ArmData counts(String version, long successes, long n) {
        return ArmData.counts(version, 1, successes, n);
    }

    /** Control 1000, 1010, ..., 1090 twenty times over; the variant shifted by {@code shift} ms. */
    private static Evaluation latency(double shift, double pValue) {
        double[] control = new double[200];
        double[] variant = new double[200];
        for (int i = 0; i < 200; i++) {
            control[i] = 1000 + (i % 10) * 10;
            variant[i] = control[i] + shift;
        }
        Evaluation e = SequentialEvaluation.evaluate(List.of(ArmData.values("A", 1, control), ArmData.values("B", 1, variant)),
                10, ALPHA, false, 1000);
        assertR(pValue, e.variants().get(0).pValue(), "latency" + (shift > 0 ? "+" : "") + (int) shift + ".pValue");
        return e;
    }
}
