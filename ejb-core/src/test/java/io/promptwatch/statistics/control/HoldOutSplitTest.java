package io.promptwatch.statistics.control;

import static io.promptwatch.statistics.control.Refusals.assertRefused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The hold-out split: a partition, and the same one for the same seed on every run (stored success
 * models name their seed and must be reproducible).
 */
class HoldOutSplitTest {

    @Test
    void theSplitIsAShuffledPartitionFixedByTheSeed() {
        HoldOutSplit split = HoldOutSplit.of(20, 0.25, 42L);
        // SplittableRandom(42) + Fisher-Yates, as documented; a change here breaks reproducing stored experiments
        assertArrayEquals(new int[] {1, 4, 7, 14, 17}, split.test());
        assertArrayEquals(new int[] {0, 2, 3, 5, 6, 8, 9, 10, 11, 12, 13, 15, 16, 18, 19}, split.train());
        HoldOutSplit again = HoldOutSplit.of(20, 0.25, 42L);
        assertArrayEquals(split.test(), again.test());
        assertArrayEquals(split.train(), again.train());
        assertFalse(Arrays.equals(split.test(), HoldOutSplit.of(20, 0.25, 43L).test()), "another seed, another split");

        for (long seed = 0; seed < 50; seed++) {
            HoldOutSplit s = HoldOutSplit.of(37, 0.3, seed);
            assertEquals(11, s.test().length, "round(37 * 0.3)");
            int[] all = IntStream.concat(Arrays.stream(s.train()), Arrays.stream(s.test())).sorted().toArray();
            assertArrayEquals(IntStream.range(0, 37).toArray(), all, "train and test partition 0..36");
        }
        assertEquals(1, HoldOutSplit.of(2, 0.01, 1L).test().length, "at least one test record");
        assertEquals(1, HoldOutSplit.of(2, 0.99, 1L).train().length, "at least one training record");
    }


    @Test
    void badInputIsRefusedNamingTheCause() {
        assertRefused("at least 2", () -> HoldOutSplit.of(1, 0.3, 1L));
        assertRefused("testShare", () -> HoldOutSplit.of(10, 1.0, 1L));
        assertRefused("testShare", () -> HoldOutSplit.of(10, 0.0, 1L));
    }
}
