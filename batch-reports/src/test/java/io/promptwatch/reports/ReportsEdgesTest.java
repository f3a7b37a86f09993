package io.promptwatch.reports;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * batch-reports → ejb-core, as docs/architecture.md says: the jobs call ejb-core's boundaries and read
 * its entities, never a component's control, and know nothing of the REST layer above them (web-api
 * calls the jobs, not the other way round). ejb-core naming batch-reports is refused by ejb-core's ModuleEdgesTest.
 */
@AnalyzeClasses(packages = "io.promptwatch", importOptions = ImportOption.DoNotIncludeTests.class)
class ReportsEdgesTest {

    @ArchTest
    static final ArchRule jobsCallBoundariesOnly = noClasses().that().resideInAPackage("io.promptwatch.reports..")
            .should().dependOnClassesThat().resideInAPackage("io.promptwatch.*.control..")
            .because("a component's control is its own; a job calls its boundary");

    @ArchTest
    static final ArchRule jobsKnowNothingOfTheRestLayer = noClasses().that().resideInAPackage("io.promptwatch.reports..")
            .should().dependOnClassesThat().resideInAPackage("io.promptwatch.api..")
            .because("web-api starts and reads jobs; the jobs never call the REST layer");
}
