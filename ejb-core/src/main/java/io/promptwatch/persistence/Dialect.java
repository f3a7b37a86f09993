package io.promptwatch.persistence;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/**
 * The two databases Promptwatch runs on, told apart by the connection itself: the pool that the
 * server was provisioned with (README "Database") is the one truth, so no setting can disagree
 * with it. Plain JDBC code asks this where the SQL differs; everything else is the same text on both.
 */
public enum Dialect {
    /** Embedded Apache Derby, the default: one server, its files in the data directory. */
    DERBY("derby"),
    /** PostgreSQL, a server of its own that several Promptwatch servers can share. */
    POSTGRESQL("postgresql");

    /** Where the migrations of each database are, one folder each, on the class path. */
    public static final String MIGRATIONS = "db/migration/";
    /** The file listing a folder's migrations in order. */
    public static final String MIGRATION_INDEX = "migrations.idx";

    private final String folder;

    Dialect(String folder) {
        this.folder = folder;
    }

    /** The database behind the connection (its driver answers from memory: no round trip). */
    public static Dialect of(Connection connection) throws SQLException {
        return ofProduct(connection.getMetaData().getDatabaseProductName());
    }

    /** The dialect of a JDBC product name ("Apache Derby", "PostgreSQL"). */
    public static Dialect ofProduct(String product) {
        String name = product.toLowerCase(Locale.ROOT);
        if (name.contains("derby")) {
            return DERBY;
        }
        if (name.contains("postgres")) {
            return POSTGRESQL;
        }
        throw new IllegalStateException("Promptwatch runs on Derby or PostgreSQL, not on " + product);
    }

    /** The folder of this database's migrations under {@code db/migration}. */
    public String folder() {
        return folder;
    }

    /** The SQL migration scripts of this database, in the order Flyway applies them. */
    public List<String> migrationScripts() {
        return readMigrationIndex(Dialect.class.getClassLoader(), MIGRATIONS + folder);
    }

    /** The text of one of {@link #migrationScripts()}. */
    public String migrationScript(String name) {
        try (InputStream in = Dialect.class.getClassLoader().getResourceAsStream(MIGRATIONS + folder + "/" + name)) {
            if (in == null) {
                throw new IllegalStateException("migration " + name + " of " + folder + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The migration scripts named in {@code <directory>/migrations.idx}: Flyway's classpath scanning
     * finds nothing inside Payara's EAR class loaders, so the files are listed (a unit test keeps the
     * index and the directory in step).
     */
    public static List<String> readMigrationIndex(ClassLoader loader, String directory) {
        InputStream in = loader.getResourceAsStream(directory + "/" + MIGRATION_INDEX);
        if (in == null) {
            throw new IllegalStateException("no migration index " + directory + "/" + MIGRATION_INDEX);
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
