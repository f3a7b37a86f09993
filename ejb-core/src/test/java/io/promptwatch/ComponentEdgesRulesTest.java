package io.promptwatch;

import static org.junit.jupiter.api.Assertions.assertThrows;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The rules of {@link ComponentEdges} refuse each edge that the structure review found (issue 16),
 * rebuilt in miniature under {@code fixtures.edges.<case>}, and accept the edges they allow.
 */
class ComponentEdgesRulesTest {

    private static final List<Function<String, ArchRule>> RULES = List.of(
            ComponentEdges::componentsUseOnlyTheOnesBelow,
            ComponentEdges::packagesFormNoCycle,
            ComponentEdges::controlIsPrivateToItsComponent,
            ComponentEdges::controlNeverReachesABoundary,
            ComponentEdges::entitiesReachNoControlOrBoundary);

    @Test
    void registryAndTrackingImportingEachOtherIsRefused() {
        refused("cycle", ComponentEdges::packagesFormNoCycle);
        refused("cycle", ComponentEdges::componentsUseOnlyTheOnesBelow);
    }

    @Test
    void securityHashingThroughARegistryEntityIsRefused() {
        refused("hashing", ComponentEdges::componentsUseOnlyTheOnesBelow);
    }

    @Test
    void controlImportingItsOwnBoundaryIsRefused() {
        refused("ownboundary", ComponentEdges::controlNeverReachesABoundary);
    }

    @Test
    void controlObservingAnotherComponentsBoundaryEventIsRefused() {
        refused("event", ComponentEdges::controlNeverReachesABoundary);
    }

    @Test
    void callingAnotherComponentsControlIsRefused() {
        refused("writer", ComponentEdges::controlIsPrivateToItsComponent);
    }

    @Test
    void theRestLayerCallingAControlClassIsRefused() {
        refused("api", ComponentEdges::controlIsPrivateToItsComponent);
    }

    @Test
    void anEntityReachingIntoControlIsRefused() {
        refused("entity", ComponentEdges::entitiesReachNoControlOrBoundary);
    }

    @Test
    void theAllowedEdgesPassEveryRule() {
        String root = root("clean");
        JavaClasses classes = classes(root);
        RULES.forEach(rule -> rule.apply(root).check(classes));
    }

    private static void refused(String fixture, Function<String, ArchRule> rule) {
        String root = root(fixture);
        JavaClasses classes = classes(root);
        assertThrows(AssertionError.class, () -> rule.apply(root).check(classes), fixture);
    }

    private static String root(String fixture) {
        return "fixtures.edges." + fixture;
    }

    private static JavaClasses classes(String root) {
        return new ClassFileImporter().importPackages(root);
    }
}
