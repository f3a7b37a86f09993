package io.promptwatch.bench;

import io.promptwatch.it.Server;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.stream.Stream;

/**
 * The database under the benchmark's server, as the benchmark measures it: Derby in the server's data
 * directory, or the build's PostgreSQL ({@code -Dbench.db=postgresql}: ear/pom.xml runs the
 * benchmarks on the PostgreSQL pass's server then). Its ceilings, its size and, for PostgreSQL, the
 * memory of its own processes (the server's RSS does not hold it, unlike embedded Derby's).
 */
final class BenchDatabase {

    static final boolean POSTGRES = Server.DATABASE_KIND.equals("postgresql");
    private static final Path DERBY_CEILING_DIR = Path.of("target/bench-ceiling-db");

    private BenchDatabase() {
    }

    /** The JDBC-batch ceiling on this database kind: a scratch Derby database, or a scratch database on the same PostgreSQL. */
    static JdbcCeiling.Result jdbcCeiling(RecordGenerator generator, long records) throws SQLException, IOException {
        return POSTGRES
                ? JdbcCeiling.runPostgres(Server.POSTGRES_ADMIN_URL, generator, records, JdbcCeiling.Load.JDBC_BATCH)
                : JdbcCeiling.run(DERBY_CEILING_DIR, generator, records);
    }

    /** PostgreSQL's COPY ceiling of the same records (PostgreSQL only). */
    static JdbcCeiling.Result copyCeiling(RecordGenerator generator, long records) throws SQLException {
        return JdbcCeiling.runPostgres(Server.POSTGRES_ADMIN_URL, generator, records, JdbcCeiling.Load.COPY);
    }

    /** The bytes of the server's database: Derby's files, or PostgreSQL's {@code pg_database_size}. */
    static long bytes() throws IOException, SQLException {
        if (!POSTGRES) {
            return JdbcCeiling.bytesOnDisk(Server.DATABASE);
        }
        try (Connection connection = DriverManager.getConnection(Server.POSTGRES_URL)) {
            return JdbcCeiling.postgresBytes(connection);
        }
    }

    /**
     * The memory of the PostgreSQL server's processes in MB: the sum of their proportional set sizes
     * (PSS: shared buffers, mapped once and shared by every backend, counted once in all, not once a
     * process as RSS would), from {@code /proc/<pid>/smaps_rollup} of the postmaster (its pid is the
     * first line of {@code postmaster.pid}) and its descendants.
     */
    static double postgresPssMb() throws IOException {
        long postmaster = Long.parseLong(Files.readAllLines(Server.DATABASE.resolve("postmaster.pid")).get(0).strip());
        ProcessHandle root = ProcessHandle.of(postmaster)
                .orElseThrow(() -> new IllegalStateException("no PostgreSQL postmaster with pid " + postmaster));
        long kb = 0;
        for (long pid : Stream.concat(Stream.of(root), root.descendants()).mapToLong(ProcessHandle::pid).toArray()) {
            kb += pssKb(pid);
        }
        return kb / 1024.0;
    }

    private static long pssKb(long pid) throws IOException {
        Path rollup = Path.of("/proc", Long.toString(pid), "smaps_rollup");
        if (!Files.exists(rollup)) {
            return 0; // ended between the listing and now (a backend of a closed connection)
        }
        return Files.readAllLines(rollup).stream().filter(line -> line.startsWith("Pss:")).findFirst()
                .map(line -> Long.parseLong(line.replaceAll("\\D", ""))).orElse(0L);
    }
}
