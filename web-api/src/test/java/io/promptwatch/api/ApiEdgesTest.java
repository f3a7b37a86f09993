package io.promptwatch.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The REST layer reaches the business components through their boundaries (calls) and entities
 * (data) only, as docs/architecture.md says; ejb-core's own edges are checked in ejb-core.
 */
@AnalyzeClasses(packages = "io.promptwatch", importOptions = ImportOption.DoNotIncludeTests.class)
class ApiEdgesTest {

    @ArchTest
    static final ArchRule resourcesCallBoundariesOnly = noClasses().that().resideInAPackage("io.promptwatch.api..")
            .should().dependOnClassesThat().resideInAPackage("io.promptwatch.*.control..")
            .because("a component's control is its own; the REST layer calls its boundary");
}
