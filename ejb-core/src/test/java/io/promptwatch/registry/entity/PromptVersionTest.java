package io.promptwatch.registry.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptwatch.problem.ProblemException;
import io.promptwatch.registry.entity.VersionStatus.Move;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every (state, move) pair of the lifecycle, driven through {@link PromptVersion#move} (a deploy
 * through {@link Prompt#deploy}, the only way to one), and the content hash fixed at construction. The expected table is written out here on purpose rather
 * than derived from {@link VersionStatus}, so a change to the rules has to change this test too.
 */
class PromptVersionTest {

    /** Target state for the allowed pairs; {@code null} marks a refused pair. */
    private static final Map<VersionStatus, Map<Move, VersionStatus>> EXPECTED = new EnumMap<>(Map.of(
            VersionStatus.DRAFT, moves(VersionStatus.STAGED, null, VersionStatus.DEPRECATED),
            VersionStatus.STAGED, moves(null, VersionStatus.ACTIVE, VersionStatus.DEPRECATED),
            VersionStatus.ACTIVE, moves(null, null, null),
            VersionStatus.DEPRECATED, moves(null, null, null)));

    /** What the refusal must say a state allows instead. */
    private static final Map<VersionStatus, String> ALLOWED_TEXT = Map.of(
            VersionStatus.DRAFT, "allowed moves: stage, deprecate",
            VersionStatus.STAGED, "allowed moves: deploy, deprecate",
            VersionStatus.ACTIVE, "allowed moves: none: an active version is replaced by deploying another version or by a rollback",
            VersionStatus.DEPRECATED, "allowed moves: none: a deprecated version returns only through a rollback that names it");

    private static Map<Move, VersionStatus> moves(VersionStatus stage, VersionStatus deploy, VersionStatus deprecate) {
        Map<Move, VersionStatus> m = new EnumMap<>(Move.class);
        m.put(Move.STAGE, stage);
        m.put(Move.DEPLOY, deploy);
        m.put(Move.DEPRECATE, deprecate);
        return m;
    }

    static Stream<Arguments> allowedPairs() {
        return pairs(true);
    }

    static Stream<Arguments> refusedPairs() {
        return pairs(false);
    }

    private static Stream<Arguments> pairs(boolean allowed) {
        return EXPECTED.entrySet().stream().flatMap(state -> state.getValue().entrySet().stream()
                .filter(move -> (move.getValue() != null) == allowed)
                .map(move -> Arguments.of(state.getKey(), move.getKey(), move.getValue())));
    }

    @Test
    void tableCoversEveryStateAndMovePair() {
        Set<String> pairs = new HashSet<>();
        EXPECTED.forEach((state, moves) -> moves.keySet().forEach(move -> pairs.add(state + "/" + move)));
        assertEquals(VersionStatus.values().length * Move.values().length, pairs.size());
        assertEquals(4, allowedPairs().count());
        assertEquals(8, refusedPairs().count());
    }

    @ParameterizedTest(name = "{0} --{1}--> {2}")
    @MethodSource("allowedPairs")
    void allowedMoveLeadsToItsTargetState(VersionStatus from, Move move, VersionStatus to) {
        PromptVersion version = versionIn(from);

        VersionStatus previous = apply(version, move);

        assertEquals(to, version.status());
        assertEquals(from, previous, "move returns the state it left");
    }

    @ParameterizedTest(name = "{0} --{1}--> refused")
    @MethodSource("refusedPairs")
    void illegalMoveIsAConflictListingTheAllowedMoves(VersionStatus from, Move move, VersionStatus ignored) {
        PromptVersion version = versionIn(from);

        ProblemException e = assertThrows(ProblemException.class, () -> apply(version, move));

        assertEquals(409, e.status());
        assertEquals("status", e.field());
        assertTrue(e.detail().contains("cannot " + move.name().toLowerCase() + " version 1.4.0 of support-triage"), e.detail());
        assertTrue(e.detail().contains("it is " + from.name().toLowerCase()), e.detail());
        assertTrue(e.detail().endsWith(ALLOWED_TEXT.get(from)), e.detail());
        assertEquals(from, version.status(), "a refused move leaves the state alone");
    }

    @Test
    void walksTheWholeHappyPathFromDraftToActive() {
        PromptVersion version = newVersion("Classify the ticket.");
        assertEquals(VersionStatus.DRAFT, version.status());
        version.move(Move.STAGE);
        apply(version, Move.DEPLOY);
        assertEquals(VersionStatus.ACTIVE, version.status());
        assertThrows(ProblemException.class, () -> version.move(Move.DEPRECATE));
    }

    @Test
    void contentHashIsTheSha256OfTheText() {
        // FIPS 180-2, appendix B.1: SHA-256("abc").
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", newVersion("abc").contentHash());
        assertEquals("d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592",
                newVersion("The quick brown fox jumps over the lazy dog").contentHash());
    }

    @Test
    void contentHashIsTakenOverTheUtf8Bytes() throws Exception {
        byte[] utf8 = {'c', 'a', 'f', (byte) 0xC3, (byte) 0xA9}; // "café" in UTF-8, written out byte by byte
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(utf8));

        assertEquals(expected, newVersion("caf\u00e9").contentHash());
        assertFalse(expected.equals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest("caf\u00e9".getBytes(StandardCharsets.ISO_8859_1)))), "the check must tell the encodings apart");
    }

    @Test
    void differentTextsHaveDifferentHashes() {
        assertFalse(newVersion("abc").contentHash().equals(newVersion("abd").contentHash()));
    }

    @Test
    void aFreshVersionVerifies() {
        assertTrue(newVersion("Summarize the thread.").verifyIntegrity());
    }

    @Test
    void aVersionWhoseTextWasAlteredNoLongerVerifies() throws Exception {
        PromptVersion version = newVersion("Summarize the thread.");
        overwrite(version, "text", "Summarize the thread!");
        assertFalse(version.verifyIntegrity());
    }

    @Test
    void aVersionWhoseHashWasAlteredNoLongerVerifies() throws Exception {
        PromptVersion version = newVersion("abc");
        overwrite(version, "contentHash", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ae");
        assertFalse(version.verifyIntegrity());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\n\t"})
    void refusesABlankText(String text) {
        ProblemException e = assertThrows(ProblemException.class, () -> newVersion(text));
        assertEquals(400, e.status());
        assertEquals("text", e.field());
    }

    @Test
    void refusesAMissingText() {
        ProblemException e = assertThrows(ProblemException.class, () -> newVersion(null));
        assertEquals("text", e.field());
    }

    @Test
    void keepsTheVersionNumbersItWasBuiltWith() {
        PromptVersion version = new PromptVersion("support-triage", SemanticVersion.parse("1.10.3"), "abc", "ops",
                null, null, null, false);
        assertEquals("1.10.3", version.version());
        assertEquals(new SemanticVersion(1, 10, 3), version.semanticVersion());
    }

    private static PromptVersion versionIn(VersionStatus status) {
        PromptVersion version = newVersion("Classify the ticket.");
        List<Move> path = switch (status) {
            case DRAFT -> List.of();
            case STAGED -> List.of(Move.STAGE);
            case ACTIVE -> List.of(Move.STAGE, Move.DEPLOY);
            case DEPRECATED -> List.of(Move.DEPRECATE);
        };
        path.forEach(move -> apply(version, move));
        assertEquals(status, version.status(), "setting up the state under test");
        return version;
    }

    @Test
    void aDeployAsAPlainMoveIsRefusedForItNeedsThePrompt() {
        PromptVersion version = versionIn(VersionStatus.STAGED);
        assertThrows(IllegalArgumentException.class, () -> version.move(Move.DEPLOY));
        assertEquals(VersionStatus.STAGED, version.status());
    }

    /** A move the way the registry makes it: stage and deprecate on the version, deploy through its prompt. */
    private static VersionStatus apply(PromptVersion version, Move move) {
        if (move != Move.DEPLOY) {
            return version.move(move);
        }
        Prompt prompt = new Prompt("support-triage", "Support triage", null, Set.of(), null, "ops@example.com");
        return prompt.deploy(version, v -> Optional.empty(), "ops@example.com", null, false).deployedFrom();
    }

    private static PromptVersion newVersion(String text) {
        return new PromptVersion("support-triage", SemanticVersion.parse("1.4.0"), text, "ops@example.com",
                null, null, null, false);
    }

    private static void overwrite(PromptVersion version, String field, String value) throws ReflectiveOperationException {
        Field f = PromptVersion.class.getDeclaredField(field);
        f.setAccessible(true);
        f.set(version, value);
    }
}
