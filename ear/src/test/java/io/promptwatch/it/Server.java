package io.promptwatch.it;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The build-provisioned Payara Server, driven the way an operator would: with asadmin. */
public final class Server {

    static final Path HOME = Path.of(System.getProperty("payara.home"));
    static final String ADMIN_PORT = System.getProperty("promptwatch.admin.port", "14848");
    static final String POOL = "resources.jdbc-connection-pool.promptwatch-pool.property.";
    /** The server's database: derby or postgresql (ear/pom.xml runs the suite once on each). */
    public static final String DATABASE_KIND = System.getProperty("it.db.kind", "derby");
    /** The folder of the database's files: Derby's database, or the test PostgreSQL's cluster. */
    public static final Path DATABASE = Path.of(System.getProperty("it.db.files",
            Path.of(System.getProperty("promptwatch.data.dir"), "derby").toString()));
    /** The test PostgreSQL as its superuser, in its maintenance database (not the application's). */
    public static final String POSTGRES_ADMIN_URL = System.getProperty("it.db.admin.url");
    /** The application's PostgreSQL database as the superuser. */
    public static final String POSTGRES_URL = System.getProperty("it.db.url");

    private Server() {
    }

    /** Runs an asadmin command and returns its output; fails when asadmin does. */
    static String asadmin(String... args) {
        List<String> command = new ArrayList<>(List.of(HOME.resolve("bin/asadmin").toString(), "--port", ADMIN_PORT));
        command.addAll(List.of(args));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            // As ear/src/payara/payara.xml starts the server: a restart must not change its resident memory.
            builder.environment().put("MALLOC_ARENA_MAX", "2");
            Process process = builder.start();
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("asadmin timed out: " + command);
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("asadmin failed: " + command + "\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The server's process id, from the domain's pid file. */
    public static long pid() {
        try {
            return Long.parseLong(Files.readString(HOME.resolve("glassfish/domains/domain1/config/pid")).strip());
        } catch (IOException e) {
            throw new IllegalStateException("no pid file: is the server running?", e);
        }
    }

    /** The server's resident memory in MB (2^20 bytes), from /proc. */
    public static double rssMb() throws IOException {
        long pid = pid();
        String rss = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(line -> line.startsWith("VmRSS:")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no VmRSS for process " + pid));
        return Long.parseLong(rss.replaceAll("\\D", "")) / 1024.0; // "VmRSS:  123456 kB"
    }

    /** Kills the server process outright (SIGKILL), as a power cut or an OOM killer would. */
    public static void crash() {
        try {
            long pid = pid();
            ProcessHandle server = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no server process " + pid));
            server.destroyForcibly();
            server.onExit().get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("could not kill the server", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code statements} as the test PostgreSQL's superuser in its maintenance database, one after the other. */
    public static void postgresAdmin(String... statements) throws SQLException {
        try (Connection admin = DriverManager.getConnection(POSTGRES_ADMIN_URL); Statement s = admin.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    /** The port of the test PostgreSQL (from its JDBC URL, {@code jdbc:postgresql://host:port/...}). */
    public static int postgresPort() {
        return URI.create(POSTGRES_ADMIN_URL.substring("jdbc:".length())).getPort();
    }

    /** Whether the server runs on PostgreSQL (else on embedded Derby). */
    public static boolean onPostgres() {
        return DATABASE_KIND.equals("postgresql");
    }

    /**
     * Takes the database away from the server, as a crashed database server would be. On Derby the
     * server's engine is told to shut the database down (through a throw-away pool that connects with
     * {@code shutdownDatabase=shutdown}), then this test JVM boots the same database itself; Derby's
     * file lock then refuses every reboot by the server until {@link #giveDatabaseBack} closes it.
     * On PostgreSQL the database stops accepting connections and the server's are ended
     * ({@code pg_terminate_backend}), until {@link #giveDatabaseBack} allows them again; the
     * connection returned is the superuser's, in the maintenance database.
     */
    public static Connection takeDatabaseAway() throws SQLException {
        if (onPostgres()) {
            Connection admin = DriverManager.getConnection(POSTGRES_ADMIN_URL);
            try (Statement s = admin.createStatement()) {
                s.execute("ALTER DATABASE promptwatch ALLOW_CONNECTIONS false");
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'promptwatch'");
            }
            awaitReadiness(503);
            return admin;
        }
        String pool = "promptwatch-shutdown";
        asadmin("create-jdbc-connection-pool", "--datasourceclassname=org.apache.derby.jdbc.EmbeddedDataSource",
                "--restype=javax.sql.DataSource", "--property", "databaseName=" + DATABASE + ":shutdownDatabase=shutdown", pool);
        Connection held;
        try {
            held = shutDownAndHold(pool);
        } finally {
            asadmin("delete-jdbc-connection-pool", pool);
        }
        awaitReadiness(503);
        return held;
    }

    /**
     * Shuts the server's database down and boots it in this JVM, which keeps the server out. The
     * server's own timers (the rollup worker, every second) may reopen it in between: then again.
     */
    private static Connection shutDownAndHold(String pool) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                asadmin("ping-connection-pool", pool);
            } catch (IllegalStateException expected) {
                // The ping "fails" because its connection shuts the database down: that is the point.
            }
            try {
                return openDatabase();
            } catch (SQLException reopenedByTheServer) {
                if (attempt == 10) {
                    throw reopenedByTheServer;
                }
            }
        }
    }

    static void giveDatabaseBack(Connection held) throws SQLException {
        releaseDatabase(held);
        awaitReadiness(200);
    }

    /**
     * Closes this JVM's hold on the database and shuts its Derby copy down, so that the server can
     * boot the database again; nothing is done on the server's side (its pool finds out by itself).
     */
    public static void releaseDatabase(Connection held) throws SQLException {
        if (onPostgres()) {
            try (held; Statement s = held.createStatement()) {
                s.execute("ALTER DATABASE promptwatch ALLOW_CONNECTIONS true");
            }
            return;
        }
        held.close();
        closeDatabase();
    }

    /**
     * Connects to the server's database. Derby's is booted in this JVM (Derby lets one JVM at a time
     * in: the server's must have let go of it); PostgreSQL's is connected to as its superuser.
     */
    public static Connection openDatabase() throws SQLException {
        if (onPostgres()) {
            return DriverManager.getConnection(POSTGRES_URL);
        }
        System.setProperty("derby.stream.error.file", DATABASE.getParent().resolve("derby-test-jvm.log").toString());
        return DriverManager.getConnection("jdbc:derby:" + DATABASE);
    }

    /** Shuts this JVM's Derby copy of the database down, which lets another JVM boot it. */
    public static void closeDatabase() throws SQLException {
        if (onPostgres()) {
            return; // nothing of PostgreSQL runs in this JVM
        }
        try {
            DriverManager.getConnection("jdbc:derby:" + DATABASE + ";shutdown=true");
        } catch (SQLException expected) {
            // Derby reports a successful shutdown as SQLState 08006.
            if (!"08006".equals(expected.getSQLState())) {
                throw expected;
            }
        }
    }

    /**
     * Makes every committed write reach the database's files, for tests that search them. Derby's
     * are there at commit; PostgreSQL writes its log asynchronously here (the test cluster runs with
     * synchronous_commit off) and its tables at checkpoints, so a CHECKPOINT writes both.
     */
    public static void writeDatabaseFiles() throws SQLException {
        if (onPostgres()) {
            try (Connection admin = DriverManager.getConnection(POSTGRES_ADMIN_URL); Statement s = admin.createStatement()) {
                s.execute("CHECKPOINT");
            }
        }
    }

    /** Waits until readiness answers {@code status}, flushing the pool so no stale connection hides the change. */
    private static void awaitReadiness(int status) {
        Api.Reply[] last = new Api.Reply[1];
        try {
            await(Duration.ofSeconds(60), "readiness " + status, () -> {
                flushPool();
                last[0] = Api.anonymous().get("/health/ready");
                return last[0].status() == status;
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; last answer: " + last[0], e);
        }
    }

    private static void flushPool() {
        try {
            asadmin("flush-connection-pool", "promptwatch-pool");
        } catch (IllegalStateException e) {
            // "completed with warnings" when the pool has no connections yet; the flush still happened.
            if (!e.getMessage().contains("warnings")) {
                throw e;
            }
        }
    }

    /** Kills the server (SIGKILL), starts it again and waits until {@code path} answers 200 to {@code key}. */
    static void crashAndRestart(String key, String path) {
        crash();
        start(key, path);
    }

    /** Starts the stopped (or killed) server and waits until {@code path} answers 200 to {@code key}. */
    public static void start(String key, String path) {
        asadmin("start-domain", "domain1");
        await(Duration.ofSeconds(120), "the application answers after the start", () -> {
            try {
                return Api.as(key).get(path).status() == 200;
            } catch (IllegalStateException notYet) {
                return false;
            }
        });
    }

    /** Stops the server the orderly way. */
    public static void stop() {
        asadmin("stop-domain", "domain1");
    }

    /** Waits until {@code condition} holds, polling every 250 ms, or fails after {@code limit}. */
    public static void await(Duration limit, String what, java.util.function.BooleanSupplier condition) {
        Instant end = Instant.now().plus(limit);
        while (Instant.now().isBefore(end)) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("gave up waiting (" + limit + ") for: " + what);
    }
}
