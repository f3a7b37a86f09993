package io.promptwatch.experiments.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptwatch.experiments.entity.Arm;
import java.util.List;
import org.junit.jupiter.api.Test;

class AssignmentTest {

    private static final List<Arm> ARMS = List.of(new Arm("1.0.0", 1), new Arm("1.1.0", 3));

    @Test
    void aSubjectAlwaysGetsTheSameArm() {
        for (int i = 0; i < 100; i++) {
            assertEquals(Assignment.arm("x1", "user-" + i, ARMS), Assignment.arm("x1", "user-" + i, ARMS));
        }
    }

    @Test
    void theSplitFollowsTheWeights() {
        int[] counts = new int[2];
        for (int i = 0; i < 20_000; i++) {
            counts[Assignment.arm("x1", "user-" + i, ARMS)]++;
        }
        // Expected 5,000 : 15,000; a binomial SD is ~61, so +-300 is about five SDs.
        assertTrue(Math.abs(counts[0] - 5_000) < 300, "control got " + counts[0]);
    }

    @Test
    void anotherExperimentShufflesSubjectsAnew() {
        int same = 0;
        List<Arm> equal = List.of(new Arm("a", 1), new Arm("b", 1));
        for (int i = 0; i < 2_000; i++) {
            same += Assignment.arm("x1", "user-" + i, equal) == Assignment.arm("x2", "user-" + i, equal) ? 1 : 0;
        }
        // Independent assignments agree half the time (SD ~22).
        assertTrue(Math.abs(same - 1_000) < 120, "agreement " + same);
    }

    @Test
    void unitIntervalStaysBelowOne() {
        for (int i = 0; i < 10_000; i++) {
            double u = Assignment.unitInterval("s" + i);
            assertTrue(u >= 0 && u < 1, "u = " + u);
        }
    }
}
