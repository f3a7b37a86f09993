package io.promptwatch.schema.control;

import io.promptwatch.persistence.Dialect;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * Hands Flyway the migrations named in {@code <directory>/migrations.idx}. Flyway's classpath
 * scanning finds nothing inside Payara's EAR class loaders, so the files are listed instead; a
 * unit test keeps the index and the directory in step.
 */
final class IndexedMigrations implements ResourceProvider {

    static final String INDEX = Dialect.MIGRATION_INDEX;

    private final ClassLoader loader;
    private final List<LoadableResource> resources = new ArrayList<>();

    IndexedMigrations(ClassLoader loader, String directory) {
        this.loader = loader;
        for (String file : readIndex(loader, directory)) {
            resources.add(new Migration(directory + "/" + file, file));
        }
    }

    static List<String> readIndex(ClassLoader loader, String directory) {
        return Dialect.readMigrationIndex(loader, directory);
    }

    @Override
    public LoadableResource getResource(String name) {
        return resources.stream().filter(r -> r.getRelativePath().equals(name) || r.getFilename().equals(name))
                .findFirst().orElse(null);
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        return resources.stream()
                .filter(r -> r.getFilename().startsWith(prefix))
                .filter(r -> Arrays.stream(suffixes).anyMatch(s -> r.getFilename().endsWith(s)))
                .toList();
    }

    private final class Migration extends LoadableResource {
        private final String path;
        private final String filename;

        Migration(String path, String filename) {
            this.path = path;
            this.filename = filename;
        }

        @Override
        public Reader read() {
            InputStream in = loader.getResourceAsStream(path);
            if (in == null) {
                throw new IllegalStateException("migration " + path + " is in the index but not on the class path");
            }
            return new InputStreamReader(in, StandardCharsets.UTF_8);
        }

        @Override
        public String getAbsolutePath() {
            return path;
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return path;
        }

        @Override
        public String getFilename() {
            return filename;
        }

        @Override
        public String getRelativePath() {
            return path;
        }
    }
}
