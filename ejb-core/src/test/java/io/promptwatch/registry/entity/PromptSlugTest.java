package io.promptwatch.registry.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptwatch.problem.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Prompt ids: lower-case words of letters and digits joined by single hyphens, at most 64 characters. */
class PromptSlugTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "7", "support-triage", "summarize", "gpt4-eval-2026", "a-b-c-d", "x1-y2"})
    void acceptsSlugs(String id) {
        assertTrue(PromptSlug.isValid(id));
        assertEquals(id, PromptSlug.require("promptId", id));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Support-Triage", "supportTriage", "SUMMARIZE"})
    void refusesUpperCase(String id) {
        assertRefused(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"support--triage", "a---b"})
    void refusesDoubleHyphens(String id) {
        assertRefused(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-support", "support-", "-", "-a-"})
    void refusesLeadingOrTrailingHyphen(String id) {
        assertRefused(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"support_triage", "support triage", "support.triage", "triage/v2", "caf\u00e9", " a", "a "})
    void refusesOtherCharacters(String id) {
        assertRefused(id);
    }

    @Test
    void acceptsExactlySixtyFourCharacters() {
        String id = "a".repeat(64);
        assertTrue(PromptSlug.isValid(id));
    }

    @Test
    void refusesSixtyFiveCharacters() {
        assertRefused("a".repeat(65));
        assertRefused("ab-".repeat(21) + "ab");
    }

    @ParameterizedTest
    @NullAndEmptySource
    void refusesNullAndEmpty(String id) {
        assertRefused(id);
    }

    @Test
    void refusalNamesTheFieldItWasGiven() {
        ProblemException e = assertThrows(ProblemException.class, () -> PromptSlug.require("rollbackTo", "Bad Id"));
        assertEquals(400, e.status());
        assertEquals("rollbackTo", e.field());
        assertTrue(e.detail().contains("'Bad Id'"), e.detail());
    }

    private static void assertRefused(String id) {
        assertFalse(PromptSlug.isValid(id), () -> "accepted '" + id + "'");
        ProblemException e = assertThrows(ProblemException.class, () -> PromptSlug.require("promptId", id));
        assertEquals(400, e.status());
        assertEquals("promptId", e.field());
    }
}
