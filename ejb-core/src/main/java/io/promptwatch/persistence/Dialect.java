package io.promptwatch.persistence;

import java.sql.Connection;
import java.sql.SQLException;
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
}
