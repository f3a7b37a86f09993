package io.promptwatch.schema.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every migration file is in its folder's index, in order, and the provider finds it as Flyway asks. */
class IndexedMigrationsTest {

    @ParameterizedTest
    @ValueSource(strings = {"derby", "postgresql"})
    void indexListsEveryMigrationInItsFolder(String vendor) throws IOException {
        Path folder = Path.of("src/main/resources/db/migration", vendor);
        List<String> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql")).sorted().toList();
        }
        String directory = "db/migration/" + vendor;
        assertEquals(files, IndexedMigrations.readIndex(getClass().getClassLoader(), directory).stream().sorted().toList());

        IndexedMigrations provider = new IndexedMigrations(getClass().getClassLoader(), directory);
        assertEquals(files.size(), provider.getResources("V", new String[] {".sql"}).size());
        assertNotNull(provider.getResource(files.get(0)));
        assertEquals(0, provider.getResources("U", new String[] {".sql"}).size());
    }
}
