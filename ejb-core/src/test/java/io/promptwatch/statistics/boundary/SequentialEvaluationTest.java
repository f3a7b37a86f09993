package io.promptwatch.statistics.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.promptwatch.statistics.boundary.SequentialEvaluation.ArmData;
import io.promptwatch.statistics.entity.Decision;
import java.util.List;
import org.junit.jupiter.api.Test;

class SequentialEvaluationTest {

    private static Evaluation success(long sc, long nc, long sv, long nv, long required) {
        return SequentialEvaluation.evaluate(List.of(ArmData.counts("A", 1, sc, nc), ArmData.counts("B", 1, sv, nv)),
                0.1, 0.05, true, required);
    }

    @Test
    void aClearImprovementWins() {
        Evaluation e = success(110, 200, 190, 200, 294);
        assertEquals(Decision.WINS, e.decision());
        assertEquals("B", e.winner());
    }

    @Test
    void aClearDegradationIsHarm() {
        Evaluation e = success(190, 200, 110, 200, 294);
        assertEquals(Decision.HARMS, e.decision());
        assertNull(e.winner());
    }

    @Test
    void equalArmsContinueUntilThePlannedSizeThenStop() {
        assertEquals(Decision.CONTINUE, success(140, 200, 141, 200, 294).decision());
        assertEquals(Decision.NO_DIFFERENCE, success(210, 300, 211, 300, 294).decision());
    }

    @Test
    void lowerIsBetterForLatency() {
        double[] control = new double[200];
        double[] faster = new double[200];
        for (int i = 0; i < 200; i++) {
            control[i] = 1000 + (i % 10) * 10;
            faster[i] = 800 + (i % 10) * 10;
        }
        Evaluation e = SequentialEvaluation.evaluate(List.of(ArmData.values("A", 1, control), ArmData.values("B", 1, faster)),
                50, 0.05, false, 100);
        assertEquals(Decision.WINS, e.decision());
        assertEquals(-200, e.variants().get(0).difference(), 1e-9);
    }

    @Test
    void tooLittleDataContinues() {
        assertEquals(Decision.CONTINUE, success(0, 0, 1, 1, 294).decision());
    }
}
