package io.promptwatch.registry.entity;

import static io.promptwatch.registry.entity.VersionStatus.Move.DEPLOY;
import static io.promptwatch.registry.entity.VersionStatus.Move.DEPRECATE;
import static io.promptwatch.registry.entity.VersionStatus.Move.STAGE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptwatch.registry.entity.VersionStatus.Move;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The lifecycle table itself: which moves each state offers and where each move leads. */
class VersionStatusTest {

    @Test
    void draftCanBeStagedOrDeprecated() {
        assertEquals(Set.of(STAGE, DEPRECATE), VersionStatus.DRAFT.allowedMoves());
    }

    @Test
    void stagedCanBeDeployedOrDeprecated() {
        assertEquals(Set.of(DEPLOY, DEPRECATE), VersionStatus.STAGED.allowedMoves());
    }

    @Test
    void activeAndDeprecatedOfferNoOperatorMove() {
        assertEquals(Set.of(), VersionStatus.ACTIVE.allowedMoves());
        assertEquals(Set.of(), VersionStatus.DEPRECATED.allowedMoves());
    }

    @Test
    void allowsAgreesWithAllowedMoves() {
        for (VersionStatus status : VersionStatus.values()) {
            for (Move move : Move.values()) {
                assertEquals(status.allowedMoves().contains(move), status.allows(move), status + " " + move);
            }
        }
        assertTrue(VersionStatus.DRAFT.allows(STAGE));
        assertFalse(VersionStatus.DRAFT.allows(DEPLOY));
    }

    @Test
    void eachMoveLeadsToItsState() {
        assertEquals(VersionStatus.STAGED, VersionStatus.target(STAGE));
        assertEquals(VersionStatus.ACTIVE, VersionStatus.target(DEPLOY));
        assertEquals(VersionStatus.DEPRECATED, VersionStatus.target(DEPRECATE));
    }

    @Test
    void describesAllowedMovesInLowerCase() {
        assertEquals("stage, deprecate", VersionStatus.DRAFT.describeAllowedMoves());
        assertEquals("deploy, deprecate", VersionStatus.STAGED.describeAllowedMoves());
    }

    @Test
    void explainsHowActiveAndDeprecatedVersionsLeaveTheirState() {
        assertTrue(VersionStatus.ACTIVE.describeAllowedMoves().startsWith("none: an active version is replaced"));
        assertTrue(VersionStatus.DEPRECATED.describeAllowedMoves().startsWith("none: a deprecated version returns only through a rollback"));
    }

    @Test
    void labelsAreLowerCaseNames() {
        assertEquals("draft", VersionStatus.DRAFT.label());
        assertEquals("deprecated", VersionStatus.DEPRECATED.label());
    }
}
