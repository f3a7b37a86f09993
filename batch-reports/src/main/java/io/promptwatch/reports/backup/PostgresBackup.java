package io.promptwatch.reports.backup;

import io.promptwatch.persistence.Dialect;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The backup of a PostgreSQL database, without PostgreSQL's client tools on the server: every table
 * of the schema read in one REPEATABLE READ, read-only transaction (one snapshot: the tables agree
 * with each other as of its start, while ingest goes on), each written in COPY's text format, with the
 * schema's migration scripts and a {@code psql} script that rebuilds the database from them. The zip
 * holds {@code postgresql/restore.sql}, {@code postgresql/schema/V*.sql} and
 * {@code postgresql/data/<table>.tsv}; README "Reports and archives" gives the restore command:
 * {@code psql -v ON_ERROR_STOP=1 --single-transaction -d <empty database> -f restore.sql}, run in the
 * unzipped {@code postgresql} folder.
 *
 * <p>The restore runs the SQL migrations (the Java one, V5, only fills a column of existing records:
 * nothing to do on an empty database), empties what they seeded, loads every table in an order where
 * each row's foreign keys are already there, loads Flyway's history (so the server sees its schema as
 * migrated), and sets each identity's next value past the largest restored id.
 *
 * <p>Why the text format ({@link #DATA}) and not CSV: a text holding a line {@code \.} (a record's
 * message can) ends psql's {@code \copy} of a file early in any format where line breaks stay raw,
 * as they do inside a quoted CSV field (psql before 18); the load then fails on the half row. The
 * text format writes every line break as {@code \n}, so each row is one line and no line is
 * {@code \.} but the one that ends the data.
 */
final class PostgresBackup {

    static final String FOLDER = "postgresql/";
    private static final String HISTORY = "flyway_schema_history";
    private static final int FETCH = 1000;
    /** COPY's text format: tab between values, {@code \N} for NULL, backslash escapes, line breaks as {@code \n}. */
    static final CSVFormat DATA = CSVFormat.POSTGRESQL_TEXT;

    private PostgresBackup() {
    }

    /** Writes the backup of the database of {@code connection} to {@code target} (beside it first, moved into place when complete). */
    static void write(Connection connection, Path target, Instant at) throws SQLException, IOException {
        // A pooled connection: its settings go back as they were for whoever takes it next.
        boolean autoCommit = connection.getAutoCommit();
        int isolation = connection.getTransactionIsolation();
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        connection.setReadOnly(true);
        try {
            writeInSnapshot(connection, target, at);
        } finally {
            connection.setReadOnly(false);
            connection.setTransactionIsolation(isolation);
            connection.setAutoCommit(autoCommit);
        }
    }

    private static void writeInSnapshot(Connection connection, Path target, Instant at) throws SQLException, IOException {
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        try (OutputStream out = Files.newOutputStream(partial); ZipOutputStream zip = new ZipOutputStream(out)) {
            List<String> tables = loadOrder(connection);
            List<String> scripts = Dialect.POSTGRESQL.migrationScripts();
            for (String script : scripts) {
                zip.putNextEntry(new ZipEntry(FOLDER + "schema/" + script));
                zip.write(Dialect.POSTGRESQL.migrationScript(script).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
            for (String table : tables) {
                zip.putNextEntry(new ZipEntry(FOLDER + "data/" + table + ".tsv"));
                copyOut(connection, table, zip);
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry(FOLDER + "restore.sql"));
            zip.write(restoreScript(at, historyTable(connection), scripts, tables, identities(connection)).getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            connection.commit();
        } catch (SQLException | IOException | RuntimeException e) {
            connection.rollback();
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * The schema's tables, each after the tables its foreign keys name (Flyway's history apart: it is
     * loaded last, after the migrations have written their own rows into it and those are replaced).
     */
    static List<String> loadOrder(Connection connection) throws SQLException {
        Map<String, Set<String>> parents = new TreeMap<>();
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'")) {
                while (rs.next()) {
                    parents.put(rs.getString(1), new TreeSet<>());
                }
            }
            try (ResultSet rs = statement.executeQuery("SELECT child.relname, parent.relname FROM pg_constraint c"
                    + " JOIN pg_class child ON child.oid = c.conrelid JOIN pg_class parent ON parent.oid = c.confrelid"
                    + " JOIN pg_namespace n ON n.oid = c.connamespace WHERE c.contype = 'f' AND n.nspname = current_schema()")) {
                while (rs.next()) {
                    if (!rs.getString(1).equals(rs.getString(2)) && parents.containsKey(rs.getString(1))) {
                        parents.get(rs.getString(1)).add(rs.getString(2));
                    }
                }
            }
        }
        return ordered(parents);
    }

    /** The tables of {@code parents} (table → the tables it references), each after its parents; the history last. */
    static List<String> ordered(Map<String, Set<String>> parents) {
        Set<String> done = new LinkedHashSet<>();
        while (done.size() < parents.size()) {
            int before = done.size();
            parents.forEach((table, references) -> {
                if (!done.contains(table) && !table.equals(HISTORY) && done.containsAll(references)) {
                    done.add(table);
                }
            });
            if (parents.containsKey(HISTORY) && done.size() == parents.size() - 1) {
                done.add(HISTORY);
            }
            if (done.size() == before) {
                throw new IllegalStateException("foreign keys in a cycle among " + parents.keySet().stream()
                        .filter(t -> !done.contains(t)).toList() + ": no load order");
            }
        }
        return List.copyOf(done);
    }

    /**
     * The DDL of Flyway's history table, which Flyway itself creates (no migration script does): its
     * columns with their types, nullability and defaults, then its constraints, as the catalog has them.
     */
    static String historyTable(Connection connection) throws SQLException {
        List<String> columns = new ArrayList<>();
        List<String> constraints = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,"
                    + " pg_get_expr(d.adbin, d.adrelid) FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid"
                    + " AND d.adnum = a.attnum WHERE a.attrelid = '" + HISTORY + "'::regclass AND a.attnum > 0"
                    + " AND NOT a.attisdropped ORDER BY a.attnum")) {
                while (rs.next()) {
                    columns.add(rs.getString(1) + " " + rs.getString(2) + (rs.getBoolean(3) ? " NOT NULL" : "")
                            + (rs.getString(4) == null ? "" : " DEFAULT " + rs.getString(4)));
                }
            }
            try (ResultSet rs = statement.executeQuery("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
                    + " WHERE conrelid = '" + HISTORY + "'::regclass ORDER BY conname")) {
                while (rs.next()) {
                    constraints.add("CONSTRAINT " + rs.getString(1) + " " + rs.getString(2));
                }
            }
        }
        List<String> parts = new ArrayList<>(columns);
        parts.addAll(constraints);
        return "CREATE TABLE " + HISTORY + " (\n    " + String.join(",\n    ", parts) + "\n);\n";
    }

    /** table → its identity (or serial) columns. */
    private static Map<String, List<String>> identities(Connection connection) throws SQLException {
        Map<String, List<String>> identities = new TreeMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT table_name, column_name FROM information_schema.columns"
                     + " WHERE table_schema = current_schema() AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')"
                     + " ORDER BY table_name, column_name")) {
            while (rs.next()) {
                identities.computeIfAbsent(rs.getString(1), t -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        return identities;
    }

    /** The rows of {@code table} as PostgreSQL CSV with a header: NULL unquoted and empty, every other value quoted, in PostgreSQL's text form. */
    private static void copyOut(Connection connection, String table, OutputStream zip) throws SQLException, IOException {
        try (Statement statement = connection.createStatement()) {
            statement.setFetchSize(FETCH);
            try (ResultSet rs = statement.executeQuery("SELECT * FROM " + table)) {
                ResultSetMetaData meta = rs.getMetaData();
                Writer writer = new OutputStreamWriter(new FilterOutputStream(zip) {
                    @Override
                    public void close() throws IOException {
                        flush(); // the zip entry stays open for the next
                    }
                }, StandardCharsets.UTF_8);
                try (CSVPrinter csv = new CSVPrinter(writer, DATA)) {
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        csv.print(meta.getColumnName(i));
                    }
                    csv.println();
                    while (rs.next()) {
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            csv.print(rs.getString(i));
                        }
                        csv.println();
                    }
                }
            }
        }
    }

    /** The psql script that rebuilds the database from the backup's files. */
    static String restoreScript(Instant at, String historyTable, List<String> scripts, List<String> tables,
            Map<String, List<String>> identities) {
        StringBuilder sql = new StringBuilder();
        sql.append("-- Promptwatch backup of ").append(at).append(": rebuilds the database into an empty one.\n")
                .append("-- In this folder: psql -v ON_ERROR_STOP=1 --single-transaction -d <empty database> -f restore.sql\n")
                .append("-- 1. The schema: Flyway's history table, then the server's own SQL migrations (V5 is a Java migration\n")
                .append("--    that fills a column of existing records: nothing to do on an empty database; its row is in the history).\n")
                .append(historyTable);
        for (String script : scripts) {
            sql.append("\\ir schema/").append(script).append('\n');
        }
        sql.append("-- 2. What the migrations seeded (and their history rows) gives way to the backup's rows.\n")
                .append("TRUNCATE ").append(String.join(", ", tables)).append(";\n")
                .append("-- 3. Every table, each after the tables its foreign keys name.\n");
        for (String table : tables) {
            sql.append("\\copy ").append(table).append(" FROM 'data/").append(table).append(".tsv' WITH (FORMAT text, HEADER)\n");
        }
        sql.append("-- 4. Identities continue after the largest restored value.\n");
        identities.forEach((table, columns) -> columns.forEach(column -> sql.append("SELECT setval(pg_get_serial_sequence('")
                .append(table).append("', '").append(column).append("'), COALESCE((SELECT MAX(").append(column).append(") FROM ")
                .append(table).append("), 0) + 1, false);\n")));
        return sql.toString();
    }
}
