package io.promptwatch.statistics.control;

import static io.promptwatch.statistics.control.RReference.assertR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The always-valid guarantee, by simulation (seeded): A/A experiments looked at after every 100
 * observations per arm keep the false-positive rate at or below alpha + 0.01; A/B experiments
 * with a real effect are detected.
 */
class MsprtTest {

    private static final double ALPHA = 0.05;
    private static final int EXPERIMENTS = 1000;
    private static final int LOOK_EVERY = 100;
    private static final int MAX_PER_ARM = 2000;

    /** Fraction of experiments that ever reach p < alpha at a look, for a normal metric with the given true effect. */
    private static double rejectionRateMeans(double effect, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int rejected = 0;
        for (int e = 0; e < EXPERIMENTS; e++) {
            double[] control = new double[MAX_PER_ARM];
            double[] variant = new double[MAX_PER_ARM];
            for (int i = 0; i < MAX_PER_ARM; i++) {
                control[i] = 0.7 + 0.1 * gaussian(random);
                variant[i] = 0.7 + effect + 0.1 * gaussian(random);
            }
            for (int n = LOOK_EVERY; n <= MAX_PER_ARM; n += LOOK_EVERY) {
                if (Msprt.means(java.util.Arrays.copyOf(control, n), java.util.Arrays.copyOf(variant, n), 0.02, ALPHA).pValue() < ALPHA) {
                    rejected++;
                    break;
                }
            }
        }
        return (double) rejected / EXPERIMENTS;
    }

    private static double rejectionRateProportions(double rateControl, double rateVariant, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int rejected = 0;
        for (int e = 0; e < EXPERIMENTS; e++) {
            long sc = 0;
            long sv = 0;
            for (int n = 1; n <= MAX_PER_ARM; n++) {
                sc += random.nextDouble() < rateControl ? 1 : 0;
                sv += random.nextDouble() < rateVariant ? 1 : 0;
                if (n % LOOK_EVERY == 0 && Msprt.proportions(sc, n, sv, n, 0.05, ALPHA).pValue() < ALPHA) {
                    rejected++;
                    break;
                }
            }
        }
        return (double) rejected / EXPERIMENTS;
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    @Test
    void aaExperimentsOnAContinuousMetricKeepTheFalsePositiveRate() {
        double rate = rejectionRateMeans(0, 42);
        assertTrue(rate <= ALPHA + 0.01, "false-positive rate " + rate);
    }

    @Test
    void aaExperimentsOnSuccessKeepTheFalsePositiveRate() {
        double rate = rejectionRateProportions(0.8, 0.8, 43);
        assertTrue(rate <= ALPHA + 0.01, "false-positive rate " + rate);
    }

    @Test
    void realEffectsAreFound() {
        // 0.02 = 0.2 SD; with 2,000 per arm a fixed-n t-test has power ~0.99.
        assertTrue(rejectionRateMeans(0.02, 44) > 0.8);
        assertTrue(rejectionRateProportions(0.80, 0.85, 45) > 0.8);
    }

    @Test
    void pValueAndIntervalAgree() {
        for (double d : new double[] {-0.05, -0.01, 0, 0.004, 0.02, 0.08}) {
            Msprt.Look look = Msprt.look(d, 0.0001, 0.02, ALPHA);
            boolean excludesZero = look.ciLow() > 0 || look.ciHigh() < 0;
            assertEquals(look.pValue() < ALPHA, excludesZero, "d = " + d + ": " + look);
            assertTrue(look.ciLow() < d && d < look.ciHigh());
        }
        // No difference observed: the likelihood ratio is below 1 and the p-value is 1.
        assertEquals(1.0, Msprt.look(0, 0.0001, 0.02, ALPHA).pValue());
    }

    @Test
    void aLookReadsTheSamplesAsWelchDoes() {
        // One mean and variance (Commons Math's corrected two-pass StatUtils) behind every test: a plain
        // sum / n of ten 0.1 gives 0.09999999999999999, the corrected mean 0.1.
        double[] control = {0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1};
        double[] variant = {0.12, 0.15, 0.11, 0.14, 0.13};
        Msprt.Look look = Msprt.means(control, variant, 0.02, ALPHA);
        WelchResult welch = TwoSampleTests.welch(control, variant);
        assertEquals(0.1, welch.meanControl());
        assertEquals(welch.difference(), look.difference());
        // by hand: variance 0 in control; deviations ±0.01, ±0.02 and 0 in variant, 0.001 / 4 = 0.00025, over n = 5
        assertR(5e-05, look.variance(), "msprt.means.variance");
    }

    @Test
    void refusesMeaninglessInput() {
        assertThrows(IllegalArgumentException.class, () -> Msprt.look(0.1, 0, 0.02, ALPHA));
        assertThrows(IllegalArgumentException.class, () -> Msprt.look(0.1, 0.01, 0, ALPHA));
        assertThrows(IllegalArgumentException.class, () -> Msprt.means(new double[] {1}, new double[] {1, 2}, 0.02, ALPHA));
    }
}
