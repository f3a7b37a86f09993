package io.promptwatch.experiments.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.promptwatch.problem.ProblemException;
import io.promptwatch.registry.entity.VersionStatus;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The arms a declaration may have: which versions, how many, and their shares. */
class ArmsTest {

    private static final String DISTINCT = "an experiment needs a controlVersion and one or more other, distinct variantVersions";
    private static final String WEIGHTS = "one positive weight per arm (control first) is required";

    private static final Map<String, VersionStatus> PROMPT = Map.of("1.0.0", VersionStatus.ACTIVE,
            "1.1.0", VersionStatus.DRAFT, "1.2.0", VersionStatus.STAGED, "0.9.0", VersionStatus.DEPRECATED);

    private static Arms arms(String control, List<String> variants, List<Double> weights) {
        return Arms.of("support-triage", control, variants, weights, v -> Optional.ofNullable(PROMPT.get(v)));
    }

    @Test
    void controlFirstWithEqualSharesByDefault() {
        Arms arms = arms("1.0.0", List.of("1.1.0", "1.2.0"), null);
        assertEquals(List.of("1.0.0", "1.1.0", "1.2.0"), arms.versions());
        assertEquals(List.of(1.0, 1.0, 1.0), arms.list().stream().map(Arm::weight).toList());
        assertEquals(2, arms.variants());
    }

    @Test
    void givenSharesAreKept() {
        assertEquals(List.of(3.0, 1.0), arms("1.0.0", List.of("1.1.0"), List.of(3.0, 1.0)).list().stream().map(Arm::weight).toList());
    }

    @Test
    void aControlAndAtLeastOneOtherDistinctVariantAreNeeded() {
        assertRefused(400, "variantVersions", DISTINCT, () -> arms(null, List.of("1.1.0"), null));
        assertRefused(400, "variantVersions", DISTINCT, () -> arms("1.0.0", null, null));
        assertRefused(400, "variantVersions", DISTINCT, () -> arms("1.0.0", List.of(), null));
        assertRefused(400, "variantVersions", DISTINCT, () -> arms("1.0.0", List.of("1.0.0"), null));
        assertRefused(400, "variantVersions", DISTINCT, () -> arms("1.0.0", List.of("1.1.0", "1.1.0"), null));
    }

    @Test
    void everyVersionMustBeOneOfThePrompts() {
        assertRefused(422, "variantVersions", "prompt support-triage has no version '2.0.0'", () -> arms("1.0.0", List.of("2.0.0"), null));
        assertRefused(422, "variantVersions", "prompt support-triage has no version '3.0.0'", () -> arms("3.0.0", List.of("1.0.0"), null));
        assertRefused(422, "variantVersions", "prompt support-triage has no version 'null'",
                () -> arms("1.0.0", Arrays.asList((String) null), null));
    }

    @Test
    void aDeprecatedVersionCannotBeServed() {
        assertRefused(409, "variantVersions", "version 0.9.0 is deprecated and cannot be served", () -> arms("1.0.0", List.of("0.9.0"), null));
    }

    @Test
    void onePositiveFiniteWeightPerArm() {
        assertRefused(400, "weights", WEIGHTS, () -> arms("1.0.0", List.of("1.1.0"), List.of(1.0)));
        assertRefused(400, "weights", WEIGHTS, () -> arms("1.0.0", List.of("1.1.0"), List.of(1.0, 1.0, 1.0)));
        assertRefused(400, "weights", WEIGHTS, () -> arms("1.0.0", List.of("1.1.0"), List.of(1.0, 0.0)));
        assertRefused(400, "weights", WEIGHTS, () -> arms("1.0.0", List.of("1.1.0"), List.of(-1.0, 1.0)));
        assertRefused(400, "weights", WEIGHTS, () -> arms("1.0.0", List.of("1.1.0"), List.of(1.0, Double.POSITIVE_INFINITY)));
        assertRefused(400, "weights", WEIGHTS, () -> arms("1.0.0", List.of("1.1.0"), List.of(1.0, Double.NaN)));
        assertRefused(400, "weights", WEIGHTS, () -> arms("1.0.0", List.of("1.1.0"), Arrays.asList(1.0, null)));
    }

    @Test
    void theVersionsAreCheckedBeforeTheWeights() {
        assertRefused(422, "variantVersions", "prompt support-triage has no version '2.0.0'",
                () -> arms("1.0.0", List.of("2.0.0"), List.of(0.0)));
    }

    @Test
    void armsBuiltDirectlyKeepTheSameRules() {
        assertRefused(400, "variantVersions", DISTINCT, () -> new Arms(List.of(new Arm("1.0.0", 1))));
        assertRefused(400, "variantVersions", DISTINCT, () -> new Arms(List.of(new Arm("1.0.0", 1), new Arm(null, 1))));
        assertRefused(400, "weights", WEIGHTS, () -> new Arms(List.of(new Arm("1.0.0", 1), new Arm("1.1.0", 0))));
    }

    static void assertRefused(int status, String field, String detail, org.junit.jupiter.api.function.Executable declaration) {
        ProblemException e = assertThrows(ProblemException.class, declaration);
        assertEquals(status, e.status());
        assertEquals(field, e.field());
        assertEquals(detail, e.detail());
    }
}
