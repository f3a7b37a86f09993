package io.promptwatch.bench;

import static java.util.Map.entry;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The ceiling that HTTP ingest is measured against: the benchmark's records inserted with plain
 * JDBC (batches of 500, autocommit off, one commit per batch) into a scratch database with the
 * server's schema, built by the server's own migration scripts in the order of their
 * {@code migrations.idx}: an embedded Derby database ({@link #run}), or a database
 * {@value #POSTGRES_DATABASE} on the benchmark's PostgreSQL server ({@link #runPostgres}), there
 * also with {@code COPY ... FROM STDIN} of the same batches (PostgreSQL's fastest load). Only the
 * database work is timed, not the generation of the records. Runs inside {@link IngestBenchmark},
 * or alone: {@code java -cp <test classes>:<ejb-core classes>:<derby jars> io.promptwatch.bench.JdbcCeiling}.
 */
final class JdbcCeiling {

    static final int BATCH = 500;
    static final String POSTGRES_DATABASE = "promptwatch_ceiling";
    private static final String DERBY_MIGRATIONS = "db/migration/derby/";
    private static final String POSTGRES_MIGRATIONS = "db/migration/postgresql/";
    private static final Pattern STATEMENT_END = Pattern.compile(";\\s*$", Pattern.MULTILINE);

    /** A record as the store sees it: numbered, and received at the time of its batch. */
    private record Row(long id, RecordGenerator.Execution e, Timestamp receivedAt) {
    }

    /** What the server stores in each column of {@code execution} for a record of a hash-mode prompt. */
    private static final Map<String, Function<Row, Object>> COLUMNS = Map.ofEntries(
            entry("ID", Row::id),
            entry("EXEC_KEY", r -> executionKey(r.e().executionId())),
            entry("EXECUTION_ID", r -> r.e().executionId()),
            entry("PROMPT_ID", r -> r.e().promptId()),
            entry("VERSION", r -> r.e().version()),
            entry("MODEL", r -> r.e().model()),
            entry("TS", r -> Timestamp.from(r.e().timestamp())),
            entry("LATENCY_MS", r -> r.e().latencyMs()),
            entry("INPUT_TOKENS", r -> r.e().inputTokens()),
            entry("OUTPUT_TOKENS", r -> r.e().outputTokens()),
            entry("TOTAL_TOKENS", r -> r.e().inputTokens() + r.e().outputTokens()),
            entry("COST", r -> r.e().cost()),
            entry("SUCCESS", r -> r.e().success() ? 1 : 0),
            entry("ERROR_TYPE", r -> r.e().errorType()),
            entry("ERROR_MESSAGE", r -> r.e().errorMessage()),
            entry("USER_FEEDBACK", r -> r.e().userFeedback()),
            entry("FEEDBACK_AT", r -> r.e().userFeedback() == null ? null : r.receivedAt()),
            entry("QUALITY_SCORE", r -> r.e().qualityScore()),
            entry("DIFFICULTY", r -> r.e().difficulty()),
            entry("DOMAIN", r -> r.e().domain()),
            entry("TEMPERATURE", r -> r.e().temperature()),
            entry("USER_ID", r -> r.e().userId()),
            entry("SESSION_ID", r -> r.e().sessionId()),
            entry("TAGS", r -> "[\"" + String.join("\",\"", r.e().tags()) + "\"]"),
            entry("PRIVACY_MODE", r -> "HASH"),
            entry("INPUT_HASH", r -> sha256Hex(r.e().input())),
            entry("OUTPUT_HASH", r -> sha256Hex(r.e().output())),
            entry("RECEIVED_AT", Row::receivedAt));

    /** How the PostgreSQL ceiling loads each batch. */
    enum Load {
        /** A prepared INSERT, executed as a JDBC batch, as the Derby ceiling does. */
        JDBC_BATCH,
        /** {@code COPY execution (...) FROM STDIN} with the batch as CSV. */
        COPY
    }

    /** The columns written, with their SQL types. */
    private record Column(String name, int sqlType, Function<Row, Object> value) {
    }

    /** The records inserted, the seconds of JDBC work, and how much the database grew (bytes). */
    record Result(long records, double seconds, long bytesAdded) {
        double recordsPerSec() {
            return records / seconds;
        }

        double mbPerMillionRecords() {
            return megabytes(bytesAdded) / (records / 1e6);
        }
    }

    private JdbcCeiling() {
    }

    /** Megabytes of 2^20 bytes, as every size of the benchmarks is given. */
    static double megabytes(double bytes) {
        return bytes / (1 << 20);
    }

    public static void main(String[] args) throws Exception {
        long records = Long.getLong("bench.ceiling-records", 200_000);
        Path dir = Path.of(System.getProperty("bench.ceiling-dir", "target/bench-ceiling-db"));
        List<String> prompts = IntStream.range(0, 20).mapToObj(i -> "ingest-bench-" + i).toList();
        Result result = run(dir, new RecordGenerator(Long.getLong("bench.seed", 42), prompts, records), records);
        System.out.printf("JDBC ceiling: %,d records in %.1f s = %,.0f records/s; %.0f MB on disk per million records%n",
                result.records(), result.seconds(), result.recordsPerSec(), result.mbPerMillionRecords());
    }

    /** Inserts records {@code 0..records-1} of {@code generator} into a new Derby database in {@code dir}. */
    static Result run(Path dir, RecordGenerator generator, long records) throws SQLException, IOException {
        delete(dir);
        Files.createDirectories(dir.toAbsolutePath().getParent());
        System.setProperty("derby.stream.error.file", dir.resolveSibling(dir.getFileName() + "-derby.log").toString());
        String url = "jdbc:derby:" + dir.toAbsolutePath();
        double seconds;
        long bytesBefore;
        try (Connection connection = DriverManager.getConnection(url + ";create=true")) {
            migrate(connection, DERBY_MIGRATIONS);
            bytesBefore = bytesOnDisk(dir);
            seconds = insertAll(connection, generator, records, Load.JDBC_BATCH);
        }
        shutdown(url);
        return new Result(records, seconds, bytesOnDisk(dir) - bytesBefore);
    }

    /**
     * Inserts records {@code 0..records-1} of {@code generator} into a new database
     * {@value #POSTGRES_DATABASE} on the PostgreSQL server of {@code adminUrl} (a superuser's URL of
     * any database there), loading each batch as {@code load} says; the database is dropped after.
     */
    static Result runPostgres(String adminUrl, RecordGenerator generator, long records, Load load) throws SQLException {
        try (Connection admin = DriverManager.getConnection(adminUrl); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + POSTGRES_DATABASE);
            statement.execute("CREATE DATABASE " + POSTGRES_DATABASE);
        }
        String url = adminUrl.replaceFirst("/[^/?]+(\\?|$)", "/" + POSTGRES_DATABASE + "$1");
        Result result;
        try (Connection connection = DriverManager.getConnection(url)) {
            migrate(connection, POSTGRES_MIGRATIONS);
            long bytesBefore = postgresBytes(connection);
            double seconds = insertAll(connection, generator, records, load);
            result = new Result(records, seconds, postgresBytes(connection) - bytesBefore);
        }
        try (Connection admin = DriverManager.getConnection(adminUrl); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE " + POSTGRES_DATABASE);
        }
        return result;
    }

    /** The size of the connected PostgreSQL database in bytes (its tables, indexes and their free space). */
    static long postgresBytes(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT pg_database_size(current_database())")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The seconds of database work for inserting the records in batches, one commit each. */
    private static double insertAll(Connection connection, RecordGenerator generator, long records, Load load) throws SQLException {
        List<Column> columns = columns(connection);
        connection.setAutoCommit(false);
        long nanos = 0;
        try (PreparedStatement insert = connection.prepareStatement(insertSql(columns))) {
            CopyManager copy = load == Load.COPY ? connection.unwrap(PGConnection.class).getCopyAPI() : null;
            String copySql = "COPY execution (" + String.join(", ", columns.stream().map(Column::name).toList())
                    + ") FROM STDIN (FORMAT csv)";
            for (long from = 0; from < records; from += BATCH) {
                List<Object[]> batch = rows(generator, columns, from, (int) Math.min(BATCH, records - from));
                long start = System.nanoTime();
                if (copy == null) {
                    for (Object[] row : batch) {
                        for (int i = 0; i < row.length; i++) {
                            insert.setObject(i + 1, row[i], columns.get(i).sqlType());
                        }
                        insert.addBatch();
                    }
                    insert.executeBatch();
                } else {
                    copyIn(copy, copySql, batch);
                }
                connection.commit();
                nanos += System.nanoTime() - start;
            }
        }
        return nanos / 1e9;
    }

    /** One batch through COPY, as CSV (the text is built inside the timed work, as the JDBC batch binds its values there). */
    private static void copyIn(CopyManager copy, String sql, List<Object[]> batch) throws SQLException {
        StringBuilder csv = new StringBuilder(batch.size() * 600);
        for (Object[] row : batch) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    csv.append(',');
                }
                Object value = row[i];
                if (value instanceof String text) {
                    csv.append('"').append(text.replace("\"", "\"\"")).append('"');
                } else if (value != null) {
                    csv.append(value);
                }
            }
            csv.append('\n');
        }
        try {
            copy.copyIn(sql, new StringReader(csv.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the migration scripts listed in the index, statement by statement. */
    private static void migrate(Connection connection, String folder) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String script : resource(folder + "migrations.idx").lines().map(String::strip).filter(s -> !s.isEmpty()).toList()) {
                String sql = resource(folder + script).lines().filter(line -> !line.strip().startsWith("--"))
                        .collect(Collectors.joining("\n"));
                for (String command : STATEMENT_END.split(sql)) {
                    if (!command.isBlank()) {
                        statement.execute(command);
                    }
                }
            }
        }
    }

    private static String resource(String name) {
        try (InputStream in = JdbcCeiling.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the classpath (ejb-core's classes are needed)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The columns of {@code execution} that the benchmark fills; nullable columns it has no value
     * for stay NULL. A NOT NULL column it does not know makes the ceiling meaningless: refused.
     */
    private static List<Column> columns(Connection connection) throws SQLException {
        List<Column> columns = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT * FROM execution WHERE 1=0")) {
            ResultSetMetaData meta = rs.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                String name = meta.getColumnName(i).toUpperCase();
                if (COLUMNS.containsKey(name)) {
                    columns.add(new Column(name, meta.getColumnType(i), COLUMNS.get(name)));
                } else if (meta.isNullable(i) == ResultSetMetaData.columnNoNulls && !meta.isAutoIncrement(i)) {
                    throw new IllegalStateException("execution." + name + " is NOT NULL and the JDBC ceiling has no value"
                            + " for it: add it to JdbcCeiling.COLUMNS as the server fills it");
                }
            }
        }
        return columns;
    }

    private static String insertSql(List<Column> columns) {
        return "INSERT INTO execution (" + String.join(", ", columns.stream().map(Column::name).toList())
                + ") VALUES (" + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
    }

    private static List<Object[]> rows(RecordGenerator generator, List<Column> columns, long from, int count) {
        Timestamp receivedAt = new Timestamp(System.currentTimeMillis());
        List<Object[]> rows = new ArrayList<>(count);
        for (long index = from; index < from + count; index++) {
            Row row = new Row(index + 1, generator.record(index), receivedAt);
            rows.add(columns.stream().map(c -> c.value().apply(row)).toArray());
        }
        return rows;
    }

    /** The server's compact idempotency key: the first 64 bits of the SHA-256 of the execution id. */
    private static long executionKey(String executionId) {
        return ByteBuffer.wrap(sha256(executionId)).getLong();
    }

    private static String sha256Hex(String text) {
        return text == null ? null : HexFormat.of().formatHex(sha256(text));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static void shutdown(String url) throws SQLException {
        try {
            DriverManager.getConnection(url + ";shutdown=true").close();
        } catch (SQLException e) {
            // Derby reports a successful shutdown of one database as SQLState 08006.
            if (!"08006".equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    /** The bytes of the files under {@code dir} (0 when it does not exist). */
    static long bytesOnDisk(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        }
    }

    private static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }
}
