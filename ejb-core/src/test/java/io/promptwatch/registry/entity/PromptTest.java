package io.promptwatch.registry.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.promptwatch.problem.ProblemException;
import io.promptwatch.registry.entity.VersionStatus.Move;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The prompt's rules over its versions: one active version, named by the prompt; the version it
 * replaces becomes the rollback reference (or the one named instead) and stays staged or is
 * deprecated; a rollback goes back to the reference. Each refusal carries the answer the API gives
 * (status, field, detail) and leaves everything as it was.
 */
class PromptTest {

    private final Prompt prompt = new Prompt("support-triage", "Support triage", null, Set.of(), null, "ops@example.com");
    private final Map<String, PromptVersion> stored = new LinkedHashMap<>();
    private final Prompt.Versions versions = v -> Optional.ofNullable(stored.get(v));

    @Test
    void theFirstDeployHasNothingToReplaceAndNoRollbackReference() {
        PromptVersion v1 = staged("1.0.0");

        Prompt.Deployment deployment = prompt.deploy(v1, versions, "alice", null, false);

        assertSame(v1, deployment.deployed());
        assertEquals(VersionStatus.STAGED, deployment.deployedFrom());
        assertNull(deployment.retired());
        assertEquals(VersionStatus.ACTIVE, v1.status());
        assertEquals("1.0.0", prompt.activeVersion());
        assertEquals("alice", v1.deployedBy());
        assertNotNull(v1.deployedAt());
        assertNull(v1.rollbackTo());
    }

    @Test
    void theReplacedVersionBecomesTheReferenceAndStaysStaged() {
        PromptVersion v1 = deployed("1.0.0");
        PromptVersion v2 = staged("1.1.0");

        Prompt.Deployment deployment = prompt.deploy(v2, versions, "bob", null, false);

        assertSame(v1, deployment.retired());
        assertEquals(VersionStatus.STAGED, v1.status());
        assertEquals(VersionStatus.ACTIVE, v2.status());
        assertEquals("1.0.0", v2.rollbackTo());
        assertEquals("1.1.0", prompt.activeVersion());
        assertOneActive();
    }

    @Test
    void theReplacedVersionIsDeprecatedWhenAsked() {
        PromptVersion v1 = deployed("1.0.0");

        prompt.deploy(staged("2.0.0"), versions, "bob", null, true);

        assertEquals(VersionStatus.DEPRECATED, v1.status());
        assertOneActive();
    }

    @Test
    void aNamedReferenceReplacesTheVersionActiveUntilNow() {
        register("0.9.0");
        deployed("1.0.0");
        PromptVersion v2 = staged("2.0.0");

        prompt.deploy(v2, versions, "bob", "0.9.0", false);

        assertEquals("0.9.0", v2.rollbackTo());
        assertEquals(VersionStatus.STAGED, stored.get("1.0.0").status(), "the replaced version still leaves service");
    }

    @ParameterizedTest(name = "rollbackTo {0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "1.1.0 | 400 | a version cannot be its own rollback reference",
            "9.9.9 | 422 | prompt support-triage has no version '9.9.9'"})
    void aNamedReferenceIsAnotherVersionOfThePrompt(String rollbackTo, int status, String detail) {
        PromptVersion v1 = deployed("1.0.0");
        PromptVersion v2 = staged("1.1.0");

        ProblemException e = assertThrows(ProblemException.class, () -> prompt.deploy(v2, versions, "bob", rollbackTo, false));

        assertProblem(e, status, "rollbackTo", detail);
        assertUnchanged(v1, v2);
    }

    @Test
    void onlyAStagedVersionDeploysAndTheStateIsCheckedFirst() {
        PromptVersion v1 = deployed("1.0.0");
        PromptVersion draft = register("1.1.0");

        ProblemException e = assertThrows(ProblemException.class, () -> prompt.deploy(draft, versions, "bob", "1.1.0", false));

        assertProblem(e, 409, "status", "cannot deploy version 1.1.0 of support-triage: it is draft; allowed moves: stage, deprecate");
        assertEquals(VersionStatus.DRAFT, draft.status());
        assertEquals(VersionStatus.ACTIVE, v1.status());
        assertEquals("1.0.0", prompt.activeVersion());
    }

    @Test
    void theActiveVersionCannotBeDeployedAgain() {
        PromptVersion v1 = deployed("1.0.0");

        ProblemException e = assertThrows(ProblemException.class, () -> prompt.deploy(v1, versions, "bob", null, false));

        assertProblem(e, 409, "status", "cannot deploy version 1.0.0 of support-triage: it is active; allowed moves: none: "
                + "an active version is replaced by deploying another version or by a rollback");
        assertOneActive();
    }

    @Test
    void aPromptDeploysOnlyItsOwnVersions() {
        PromptVersion foreign = new PromptVersion("other-prompt", SemanticVersion.parse("1.0.0"), "text", "ops", null, null, null, false);
        foreign.move(Move.STAGE);

        assertThrows(IllegalArgumentException.class, () -> prompt.deploy(foreign, versions, "bob", null, false));
        assertEquals(VersionStatus.STAGED, foreign.status());
        assertNull(prompt.activeVersion());
    }

    @Test
    void aRollbackDeprecatesTheActiveVersionAndReinstatesItsReference() {
        PromptVersion v1 = deployed("1.0.0");
        PromptVersion v2 = deployed("1.1.0");

        Prompt.Rollback rollback = prompt.rollback(versions, "carol");

        assertSame(v2, rollback.reverted());
        assertSame(v1, rollback.reinstated());
        assertEquals(VersionStatus.STAGED, rollback.reinstatedFrom());
        assertEquals(VersionStatus.DEPRECATED, v2.status());
        assertEquals(VersionStatus.ACTIVE, v1.status());
        assertEquals("carol", v1.deployedBy());
        assertEquals("1.0.0", prompt.activeVersion());
        assertOneActive();
    }

    @Test
    void aRollbackBringsBackADeprecatedReference() {
        PromptVersion v1 = deployed("1.0.0");
        prompt.deploy(staged("2.0.0"), versions, "bob", null, true);
        prompt.deploy(staged("3.0.0"), versions, "bob", "1.0.0", false);
        assertEquals(VersionStatus.DEPRECATED, v1.status());

        Prompt.Rollback rollback = prompt.rollback(versions, "carol");

        assertSame(v1, rollback.reinstated());
        assertEquals(VersionStatus.DEPRECATED, rollback.reinstatedFrom());
        assertEquals("1.0.0", prompt.activeVersion());
        assertEquals(VersionStatus.STAGED, stored.get("2.0.0").status(), "2.0.0 was kept when 3.0.0 replaced it");
        assertEquals(VersionStatus.DEPRECATED, stored.get("3.0.0").status());
        assertOneActive();
    }

    @Test
    void aRollbackNeedsAnActiveVersion() {
        staged("1.0.0");

        ProblemException e = assertThrows(ProblemException.class, () -> prompt.rollback(versions, "carol"));

        assertProblem(e, 409, null, "prompt support-triage has no active version to roll back");
    }

    @Test
    void aRollbackNeedsAReferenceAndTheReinstatedVersionKeepsItsOwn() {
        PromptVersion v1 = deployed("1.0.0");
        deployed("1.1.0");
        prompt.rollback(versions, "carol");

        ProblemException e = assertThrows(ProblemException.class, () -> prompt.rollback(versions, "carol"));

        assertProblem(e, 409, null, "active version 1.0.0 of support-triage has no rollback reference; deploy a version instead");
        assertEquals(VersionStatus.ACTIVE, v1.status());
    }

    @Test
    void aRollbackToAVersionNoLongerStoredIsRefused() {
        PromptVersion v1 = deployed("1.0.0");
        PromptVersion v2 = deployed("1.1.0");
        stored.remove("1.0.0");

        ProblemException e = assertThrows(ProblemException.class, () -> prompt.rollback(versions, "carol"));

        assertProblem(e, 409, null, "rollback reference 1.0.0 no longer exists");
        assertEquals(VersionStatus.ACTIVE, v2.status());
        assertEquals(VersionStatus.STAGED, v1.status());
    }

    private PromptVersion register(String version) {
        PromptVersion v = new PromptVersion(prompt.id(), SemanticVersion.parse(version), "text of " + version,
                "ops@example.com", null, null, null, false);
        stored.put(version, v);
        return v;
    }

    private PromptVersion staged(String version) {
        PromptVersion v = register(version);
        v.move(Move.STAGE);
        return v;
    }

    private PromptVersion deployed(String version) {
        PromptVersion v = staged(version);
        prompt.deploy(v, versions, "ops@example.com", null, false);
        return v;
    }

    private void assertOneActive() {
        List<String> active = stored.values().stream().filter(v -> v.status() == VersionStatus.ACTIVE)
                .map(PromptVersion::version).toList();
        assertEquals(List.of(prompt.activeVersion()), active);
    }

    private void assertUnchanged(PromptVersion active, PromptVersion target) {
        assertEquals(VersionStatus.ACTIVE, active.status());
        assertEquals(VersionStatus.STAGED, target.status());
        assertNull(target.rollbackTo());
        assertEquals(active.version(), prompt.activeVersion());
    }

    private static void assertProblem(ProblemException e, int status, String field, String detail) {
        assertEquals(status, e.status());
        assertEquals(field, e.field());
        assertEquals(detail, e.detail());
        assertEquals(Map.of(400, "Invalid request", 409, "Conflict", 422, "Unprocessable request").get(status), e.title());
    }
}
