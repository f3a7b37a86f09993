package io.promptwatch;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** ejb-core's classes keep the component edges of docs/architecture.md ({@link ComponentEdges}). */
@AnalyzeClasses(packages = "io.promptwatch", importOptions = ImportOption.DoNotIncludeTests.class)
class ComponentEdgesTest {

    private static final String ROOT = "io.promptwatch";

    @ArchTest
    static final ArchRule componentsUseOnlyTheOnesBelow = ComponentEdges.componentsUseOnlyTheOnesBelow(ROOT);

    @ArchTest
    static final ArchRule packagesFormNoCycle = ComponentEdges.packagesFormNoCycle(ROOT);

    @ArchTest
    static final ArchRule controlIsPrivateToItsComponent = ComponentEdges.controlIsPrivateToItsComponent(ROOT);

    @ArchTest
    static final ArchRule controlNeverReachesABoundary = ComponentEdges.controlNeverReachesABoundary(ROOT);

    @ArchTest
    static final ArchRule entitiesReachNoControlOrBoundary = ComponentEdges.entitiesReachNoControlOrBoundary(ROOT);
}
