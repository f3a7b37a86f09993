package io.promptwatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dependency direction is web-api → ejb-core → config and batch-reports → ejb-core: no class
 * of ejb-core may name a class of web-api ({@code io.promptwatch.api}) or of batch-reports
 * ({@code io.promptwatch.reports}). Checked on the compiled classes, whose constant pools hold
 * every class they refer to.
 */
class ModuleEdgesTest {

    private static final List<String> FORBIDDEN = List.of("io/promptwatch/api/", "io/promptwatch/reports/");

    @Test
    void ejbCoreNamesNoClassOfTheModulesAboveIt() throws IOException {
        Path classes = Path.of("target/classes/io/promptwatch");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(p -> p.toString().endsWith(".class")).toList();
        }
        assertTrue(files.size() > 20, "the compiled classes were not found: " + files.size());
        List<String> crossings = files.stream()
                .filter(ModuleEdgesTest::namesAForbiddenPackage)
                .map(Path::toString)
                .toList();
        assertEquals(List.of(), crossings);
    }

    private static boolean namesAForbiddenPackage(Path classFile) {
        try {
            String text = new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1);
            return FORBIDDEN.stream().anyMatch(text::contains);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
