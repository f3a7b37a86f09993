package io.promptwatch.reports.maintenance;

import io.promptwatch.persistence.Dialect;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The database's own table maintenance, one table at a time on a connection of its own (autocommit), so each
 * call holds its locks only for its table. On Derby: in-place compression (rows moved towards the front, empty
 * pages given back to the file system) and fresh index statistics (the optimizer's row counts and
 * cardinalities, which Derby otherwise refreshes only now and then). On PostgreSQL the same two steps are a plain
 * {@code VACUUM} (dead rows' space made reusable, no exclusive lock: ingest goes on, unlike {@code VACUUM FULL})
 * and {@code ANALYZE}; its autovacuum does both by itself as well, so there the job mostly catches up after a
 * large purge.
 */
final class Tables {

    private static final Logger LOG = Logger.getLogger(Tables.class.getName());
    /** A table name from the settings goes into PostgreSQL's statements as text: a plain identifier only. */
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Z_][A-Z0-9_]*");

    private Tables() {
    }

    interface Call {
        void on(Connection connection, Dialect dialect, String schema, String table) throws SQLException;
    }

    /** Runs {@code call} on each of {@code tables}; the tables done. */
    static int each(DataSource database, List<String> tables, String what, Call call) throws SQLException {
        int done = 0;
        for (String table : tables) {
            String name = table.trim().toUpperCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            if (!IDENTIFIER.matcher(name).matches()) {
                throw new IllegalArgumentException("promptwatch.jobs.maintenance.tables: not a table name: " + table);
            }
            try (Connection connection = database.getConnection()) {
                long started = System.nanoTime();
                call.on(connection, Dialect.of(connection), connection.getSchema(), name);
                long millis = (System.nanoTime() - started) / 1_000_000;
                LOG.info(() -> what + " " + name + ": " + millis + " ms");
                done++;
            }
        }
        return done;
    }

    static void compress(Connection connection, Dialect dialect, String schema, String table) throws SQLException {
        if (dialect == Dialect.POSTGRESQL) {
            postgresql(connection, "VACUUM " + table);
            return;
        }
        try (CallableStatement call = connection.prepareCall("CALL SYSCS_UTIL.SYSCS_INPLACE_COMPRESS_TABLE(?, ?, 1, 1, 1)")) {
            call.setString(1, schema);
            call.setString(2, table);
            call.execute();
        }
    }

    static void updateStatistics(Connection connection, Dialect dialect, String schema, String table) throws SQLException {
        if (dialect == Dialect.POSTGRESQL) {
            postgresql(connection, "ANALYZE " + table);
            return;
        }
        try (CallableStatement call = connection.prepareCall("CALL SYSCS_UTIL.SYSCS_UPDATE_STATISTICS(?, ?, NULL)")) {
            call.setString(1, schema);
            call.setString(2, table);
            call.execute();
        }
    }

    /** {@code sql} on PostgreSQL, whose VACUUM refuses to run inside a transaction block. */
    private static void postgresql(Connection connection, String sql) throws SQLException {
        if (!connection.getAutoCommit()) {
            throw new IllegalStateException(sql + " needs an autocommit connection outside any transaction");
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
