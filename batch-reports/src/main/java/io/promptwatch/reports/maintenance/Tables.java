package io.promptwatch.reports.maintenance;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Derby's own table maintenance, one table at a time on a connection of its own (autocommit), so each
 * call holds its locks only for its table: in-place compression (rows moved towards the front, empty
 * pages given back to the file system) and fresh index statistics (the optimizer's row counts and
 * cardinalities, which Derby otherwise refreshes only now and then).
 */
final class DerbyTables {

    private static final Logger LOG = Logger.getLogger(DerbyTables.class.getName());

    private DerbyTables() {
    }

    interface Call {
        void on(Connection connection, String schema, String table) throws SQLException;
    }

    /** Runs {@code call} on each of {@code tables}; the tables done. */
    static int each(DataSource database, List<String> tables, String what, Call call) throws SQLException {
        int done = 0;
        for (String table : tables) {
            String name = table.trim().toUpperCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            try (Connection connection = database.getConnection()) {
                String product = connection.getMetaData().getDatabaseProductName();
                if (!product.contains("Derby")) {
                    throw new IllegalStateException("the maintenance job maintains embedded Derby only; this database is " + product);
                }
                long started = System.nanoTime();
                call.on(connection, connection.getSchema(), name);
                long millis = (System.nanoTime() - started) / 1_000_000;
                LOG.info(() -> what + " " + name + ": " + millis + " ms");
                done++;
            }
        }
        return done;
    }

    static void compress(Connection connection, String schema, String table) throws SQLException {
        try (CallableStatement call = connection.prepareCall("CALL SYSCS_UTIL.SYSCS_INPLACE_COMPRESS_TABLE(?, ?, 1, 1, 1)")) {
            call.setString(1, schema);
            call.setString(2, table);
            call.execute();
        }
    }

    static void updateStatistics(Connection connection, String schema, String table) throws SQLException {
        try (CallableStatement call = connection.prepareCall("CALL SYSCS_UTIL.SYSCS_UPDATE_STATISTICS(?, ?, NULL)")) {
            call.setString(1, schema);
            call.setString(2, table);
            call.execute();
        }
    }
}
