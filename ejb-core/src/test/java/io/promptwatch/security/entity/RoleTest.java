package io.promptwatch.security.entity;

import static io.promptwatch.security.entity.Role.ADMIN;
import static io.promptwatch.security.entity.Role.INGEST;
import static io.promptwatch.security.entity.Role.OPERATOR;
import static io.promptwatch.security.entity.Role.VIEWER;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Admin implies every role, operator implies viewer, ingest stands alone. */
class RoleTest {

    @Test
    void adminActsWithEveryRole() {
        assertEquals(Set.of(INGEST, VIEWER, OPERATOR, ADMIN), Role.effective(Set.of(ADMIN)));
    }

    @Test
    void operatorCanAlsoReadButNotIngestOrAdminister() {
        assertEquals(Set.of(OPERATOR, VIEWER), Role.effective(Set.of(OPERATOR)));
    }

    @Test
    void viewerOnlyReads() {
        assertEquals(Set.of(VIEWER), Role.effective(Set.of(VIEWER)));
    }

    @Test
    void ingestAloneCanReadNothing() {
        assertEquals(Set.of(INGEST), Role.effective(Set.of(INGEST)));
    }

    @Test
    void heldRolesAreCombined() {
        assertEquals(Set.of(INGEST, VIEWER), Role.effective(Set.of(INGEST, VIEWER)));
        assertEquals(Set.of(INGEST, VIEWER, OPERATOR), Role.effective(Set.of(INGEST, OPERATOR)));
    }

    @Test
    void noRolesMeanNoRights() {
        assertEquals(Set.of(), Role.effective(Set.of()));
    }

    @Test
    void parsesLowerCaseLabelsOnly() {
        assertEquals(Optional.of(OPERATOR), Role.parse("operator"));
        assertEquals(Optional.of(INGEST), Role.parse(Role.INGEST_NAME));
        assertEquals(Optional.empty(), Role.parse("Operator"));
        assertEquals(Optional.empty(), Role.parse("root"));
        assertEquals(Optional.empty(), Role.parse(null));
    }

    @Test
    void nameConstantsMatchTheLabels() {
        assertEquals(Role.ADMIN_NAME, ADMIN.label());
        assertEquals(Role.OPERATOR_NAME, OPERATOR.label());
        assertEquals(Role.VIEWER_NAME, VIEWER.label());
        assertEquals(Role.INGEST_NAME, INGEST.label());
        assertEquals("ingest, viewer, operator, admin", Role.labels());
    }
}
