package io.promptwatch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The component edges of docs/architecture.md as ArchUnit rules over a root package: the
 * application's ({@code io.promptwatch}) in {@link ComponentEdgesTest}, a set of classes that break
 * each rule in {@link ComponentEdgesRulesTest}.
 */
final class ComponentEdges {

    /** Each business component and the components it may use, lowest first. */
    static final Map<String, List<String>> COMPONENTS = orderedMap(
            "registry", List.of(),
            "security", List.of(),
            "tracking", List.of("registry"),
            "metrics", List.of("tracking", "registry"),
            "statistics", List.of("metrics", "tracking", "registry"),
            "experiments", List.of("statistics", "metrics", "tracking", "registry"),
            "alerting", List.of("experiments", "statistics", "metrics", "tracking", "registry"),
            "reporting", List.of("alerting", "experiments", "statistics", "metrics", "tracking", "registry"));

    /** Used by every component, using none: problem answers, persistence helpers, caches, hashing. */
    static final List<String> KERNEL = List.of("problem", "persistence", "cache", "hashing", "lease");

    /** Packages that are not components but sit on them: schema migrations, health checks (the evaluator's beat). */
    static final Map<String, List<String>> INFRASTRUCTURE = orderedMap(
            "schema", List.of("tracking"),
            "health", List.of("alerting"));

    private ComponentEdges() {
    }

    /** Components use only the components below them (and the kernel); the kernel uses no component. */
    static ArchRule componentsUseOnlyTheOnesBelow(String root) {
        LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInAnyPackage(root + "..")
                .withOptionalLayers(true)
                .layer("kernel").definedBy(KERNEL.stream().map(k -> root + "." + k + "..").toArray(String[]::new));
        Map<String, List<String>> all = new LinkedHashMap<>(COMPONENTS);
        all.putAll(INFRASTRUCTURE);
        for (String component : all.keySet()) {
            layers = layers.layer(component).definedBy(root + "." + component + "..");
        }
        layers = layers.whereLayer("kernel").mayOnlyAccessLayers("kernel");
        for (Map.Entry<String, List<String>> component : all.entrySet()) {
            List<String> allowed = new ArrayList<>(component.getValue());
            allowed.add("kernel");
            layers = layers.whereLayer(component.getKey()).mayOnlyAccessLayers(allowed.toArray(String[]::new));
        }
        return layers;
    }

    static ArchRule packagesFormNoCycle(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles().allowEmptyShould(true);
    }

    static ArchRule controlIsPrivateToItsComponent(String root) {
        return CompositeArchRule.of(COMPONENTS.keySet().stream()
                .map(component -> (ArchRule) noClasses().that().resideOutsideOfPackage(root + "." + component + "..")
                        .should().dependOnClassesThat().resideInAPackage(root + "." + component + ".control..").allowEmptyShould(true))
                .toList())
                .because("another component is reached through its boundary (calls, events) and entity (data)");
    }

    static ArchRule controlNeverReachesABoundary(String root) {
        return noClasses().that().resideInAPackage(root + ".*.control..")
                .should().dependOnClassesThat().resideInAPackage(root + ".*.boundary..")
                .because("a boundary calls control, never the other way round").allowEmptyShould(true);
    }

    static ArchRule entitiesReachNoControlOrBoundary(String root) {
        return noClasses().that().resideInAPackage(root + ".*.entity..")
                .should().dependOnClassesThat().resideInAnyPackage(root + ".*.control..", root + ".*.boundary..")
                .because("entities carry data and their own rules only").allowEmptyShould(true);
    }

    private static Map<String, List<String>> orderedMap(Object... pairs) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> value = (List<String>) pairs[i + 1];
            map.put((String) pairs[i], value);
        }
        return map;
    }
}
