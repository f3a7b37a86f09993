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

    @Test
    void aNameOrAStopReasonLongerThanItsColumnIsRefusedNamingIt() {
        // The columns: name VARCHAR(200), stop_reason VARCHAR(2000) (db/migration V2__experiments.sql).
        assertEquals(200, new Experiment("p", "n".repeat(200), DESIGN, ARMS, 294, "alice").name().length());
        ProblemException name = assertThrows(ProblemException.class,
                () -> new Experiment("p", "n".repeat(201), DESIGN, ARMS, 294, "alice"));
        assertEquals(400, name.status());
        assertEquals("name", name.field());

        Experiment x = new Experiment("p", null, DESIGN, ARMS, 294, "alice");
        ProblemException reason = assertThrows(ProblemException.class,
                () -> x.stop("bob", "r".repeat(2001), Decision.CONTINUE, null));
        assertEquals(400, reason.status());
        assertEquals("reason", reason.field());
        assertEquals(Experiment.Status.RUNNING, x.status(), "a refused stop changes nothing");
        x.stop("bob", "r".repeat(2000), Decision.CONTINUE, null);
        assertEquals(2000, x.stopReason().length());
    }

    @Test
    void aNameMadeOfManyLongVersionsIsShortenedToItsColumn() {
        // Four versions of 60 characters and three " vs " make 252 characters: cut to 199 and an ellipsis.
        List<Arm> arms = List.of("a", "b", "c", "d").stream().map(v -> new Arm(v.repeat(60), 1)).toList();
        String name = new Experiment("p", null, DESIGN, new Arms(arms), 294, "alice").name();
        assertEquals(200, name.length());
        assertTrue(name.startsWith("a".repeat(60) + " vs " + "b".repeat(60)), name);
        assertTrue(name.endsWith("d".repeat(7) + "\u2026"), name);
        assertEquals("abc\u2026", Experiment.shortened("abcdef", 4));
        assertEquals("abcd", Experiment.shortened("abcd", 4));
    }

    @Test
    void aVariantThatFailedARuleLeavesAssignmentOnceAndTheControlStays() {
        Experiment x = new Experiment("p", null, DESIGN, ARMS, 294, "alice");
        java.time.Instant at = java.time.Instant.parse("2026-12-02T10:00:00Z");
        org.junit.jupiter.api.Assertions.assertFalse(x.withdraw("1.0.0", "control", at), "the control arm is never withdrawn");
        org.junit.jupiter.api.Assertions.assertTrue(x.withdraw("1.1.0", "rule 'errors' fired", at));
        assertEquals(0.0, x.arms().get(1).weight());
        assertEquals("1.1.0 withdrawn at 2026-12-02T10:00:00Z: rule 'errors' fired", x.withdrawn());
        org.junit.jupiter.api.Assertions.assertFalse(x.withdraw("1.1.0", "again", at), "once out, it stays out");
        assertEquals(0, io.promptwatch.experiments.control.Assignment.arm(x.id(), "any subject", x.arms()),
                "every subject goes to the control");
    }
}
