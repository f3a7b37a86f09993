package io.promptwatch.registry.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptwatch.problem.ProblemException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Versions are three plain numbers, compared as numbers rather than as text. */
class SemanticVersionTest {

    @ParameterizedTest
    @CsvSource({
            "0.0.0, 0, 0, 0",
            "1.4.0, 1, 4, 0",
            "10.20.30, 10, 20, 30",
            "0.0.7, 0, 0, 7",
            "999999999.0.1, 999999999, 0, 1"})
    void parsesThreeDotSeparatedNumbers(String text, int major, int minor, int patch) {
        assertEquals(new SemanticVersion(major, minor, patch), SemanticVersion.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"01.2.3", "1.02.3", "1.2.03", "00.0.0"})
    void refusesLeadingZeros(String text) {
        assertRefused(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "1.2", "1.2.", ".1.2", "1..2", "1.2.3.4"})
    void refusesMissingOrExtraParts(String text) {
        assertRefused(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.b.c", "1.2.x", "v1.2.3", "1.2.3-beta", "1.2.3+build", "-1.2.3", "1.-2.3",
            " 1.2.3", "1.2.3 ", "1. 2.3", "１.２.３"})
    void refusesNonNumericParts(String text) {
        assertRefused(text);
    }

    @Test
    void refusesPartsTooLargeForAnIntAsARequestErrorRatherThanANumberFormatException() {
        assertRefused("9999999999.0.0");
    }

    @ParameterizedTest
    @NullAndEmptySource
    void refusesNullAndEmpty(String text) {
        assertRefused(text);
    }

    @Test
    void refusalNamesTheOffendingText() {
        ProblemException e = assertThrows(ProblemException.class, () -> SemanticVersion.parse("1.2"));
        assertTrue(e.detail().contains("'1.2'"), e.detail());
    }

    @Test
    void ordersNumericallyNotLexically() {
        assertTrue(SemanticVersion.parse("1.10.0").compareTo(SemanticVersion.parse("1.9.0")) > 0);
        assertTrue(SemanticVersion.parse("1.9.0").compareTo(SemanticVersion.parse("1.10.0")) < 0);
        assertTrue(SemanticVersion.parse("2.0.0").compareTo(SemanticVersion.parse("1.99.99")) > 0);
        assertTrue(SemanticVersion.parse("1.0.10").compareTo(SemanticVersion.parse("1.0.9")) > 0);
        assertEquals(0, SemanticVersion.parse("3.2.1").compareTo(new SemanticVersion(3, 2, 1)));
    }

    @Test
    void sortsMajorThenMinorThenPatch() {
        List<SemanticVersion> versions = new ArrayList<>(List.of(
                SemanticVersion.parse("1.10.0"), SemanticVersion.parse("0.9.9"), SemanticVersion.parse("1.2.10"),
                SemanticVersion.parse("1.2.9"), SemanticVersion.parse("10.0.0"), SemanticVersion.parse("1.9.0")));
        Collections.sort(versions);
        assertEquals(List.of("0.9.9", "1.2.9", "1.2.10", "1.9.0", "1.10.0", "10.0.0"),
                versions.stream().map(SemanticVersion::toString).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0", "1.4.0", "1.10.0", "12.0.345"})
    void toStringRoundTrips(String text) {
        assertEquals(text, SemanticVersion.parse(text).toString());
    }

    @Test
    void toStringWritesMajorMinorPatch() {
        assertEquals("3.0.12", new SemanticVersion(3, 0, 12).toString());
    }

    private static void assertRefused(String text) {
        ProblemException e = assertThrows(ProblemException.class, () -> SemanticVersion.parse(text));
        assertEquals(400, e.status());
        assertEquals("version", e.field());
    }
}
