package io.promptwatch.experiments.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptwatch.problem.ProblemException;
import io.promptwatch.statistics.entity.Decision;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An experiment as declared from a checked design and arms, and its single end. */
class ExperimentTest {

    private static final ExperimentDesign DESIGN = ExperimentDesign.of("success", true, 0.05, 0.8, 0.1, 0.7, null);
    private static final Arms ARMS = new Arms(List.of(new Arm("1.0.0", 1), new Arm("1.1.0", 2)));

    @Test
    void keepsItsDesignArmsAndPlannedSize() {
        Experiment x = new Experiment("support-triage", "shorter instructions", DESIGN, ARMS, 294, "alice");

        assertEquals("support-triage", x.promptId());
        assertEquals("shorter instructions", x.name());
        assertEquals("success", x.metric());
        assertEquals(0.05, x.alpha());
        assertEquals(0.8, x.power());
        assertEquals(0.1, x.minimumDetectableEffect());
        assertEquals(0.7, x.baselineRate());
        assertNull(x.standardDeviation());
        assertEquals(294, x.requiredPerArm());
        assertEquals(List.of("1.0.0", "1.1.0"), x.arms().stream().map(Arm::version).toList());
        assertEquals(List.of(1.0, 2.0), x.arms().stream().map(Arm::weight).toList());
        assertEquals(Experiment.Status.RUNNING, x.status());
        assertEquals("alice", x.createdBy());
        assertNotNull(x.id());
        assertNotNull(x.createdAt());
    }

    @Test
    void withoutANameItIsCalledAfterItsVersions() {
        assertEquals("1.0.0 vs 1.1.0", new Experiment("p", null, DESIGN, ARMS, 294, "alice").name());
        assertEquals("1.0.0 vs 1.1.0", new Experiment("p", " ", DESIGN, ARMS, 294, "alice").name());
    }

    @Test
    void needsAPlannedSizeOfAtLeast2PerArm() {
        assertThrows(IllegalArgumentException.class, () -> new Experiment("p", null, DESIGN, ARMS, 1, "alice"));
        assertEquals(2, new Experiment("p", null, DESIGN, ARMS, 2, "alice").requiredPerArm());
    }

    @Test
    void endsOnceWithItsDecision() {
        Experiment x = new Experiment("p", null, DESIGN, ARMS, 294, "alice");

        x.stop("bob", "clear win", Decision.WINS, "1.1.0");

        assertEquals(Experiment.Status.STOPPED, x.status());
        assertEquals("bob", x.stoppedBy());
        assertEquals("clear win", x.stopReason());
        assertEquals(Decision.WINS, x.decision());
        assertEquals("1.1.0", x.winner());
        ProblemException e = assertThrows(ProblemException.class, () -> x.stop("carol", null, Decision.CONTINUE, null));
        assertEquals(409, e.status());
        assertEquals("status", e.field());
        assertTrue(e.detail().startsWith("experiment " + x.id() + " was stopped at "), e.detail());
        assertEquals("bob", x.stoppedBy(), "a second stop changes nothing");
    }
}
