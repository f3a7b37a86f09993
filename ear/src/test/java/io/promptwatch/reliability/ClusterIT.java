package io.promptwatch.reliability;

import static io.promptwatch.reliability.Findings.n;
import static io.promptwatch.reliability.Findings.progress;
import static io.promptwatch.reliability.Findings.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptwatch.bench.Calls;
import io.promptwatch.bench.RecordGenerator;
import io.promptwatch.it.Api;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Two instances, one service (issue 21, README "Scaling out"): the deployment group that
 * {@code ./mvnw -B verify -Pcluster} starts (ear/src/payara/cluster.xml), reached through nginx as
 * a client reaches it. Several clients ingest while the first instance, which also holds the alert
 * evaluator's lease, gets SIGKILL; the survivor takes the ingest and the lease; the killed instance
 * is started again through the DAS and the rest of the records go in. Then the shared database is
 * read with SQL: every record stored exactly once, the rollups equal the records, and the lease
 * never had two holders. A client retries what got no 2xx (as a client of an idempotent API does),
 * so every record ends acknowledged; the failed attempts are counted. Figures go to
 * {@code target/cluster-results.md}.
 */
@EnabledIfSystemProperty(named = "cluster.instances", matches = ".+")
class ClusterIT {

    private static final String RUN = "cluster";
    private static final String EVALUATOR_LEASE = "alert-evaluator";
    private static final int PROMPTS = 20;
    private static final long RECORDS = Long.getLong("cluster.records", 60_000);
    private static final int CLIENTS = Integer.getInteger("cluster.clients", 4);
    private static final long SEED = Long.getLong("cluster.seed", System.currentTimeMillis());
    private static final String DB_URL = System.getProperty("cluster.db.url");
    private static final String ADMIN_PORT = System.getProperty("cluster.admin.port", "24848");
    private static final Path PAYARA = Path.of(System.getProperty("payara.home", "target/cluster-server/payara6"));
    private static final Path NGINX_LOG = Path.of(System.getProperty("cluster.nginx.dir", "target/cluster-nginx"), "logs/access.log");
    /** name=url of each instance, in the order of the group (the first takes the lease first). */
    private static final Map<String, String> INSTANCES = Arrays.stream(System.getProperty("cluster.instances", "").split(","))
            .filter(s -> !s.isBlank()).map(s -> s.split("=", 2))
            .collect(Collectors.toMap(p -> p[0], p -> p[1], (a, b) -> a, LinkedHashMap::new));
    private static final int RESTART_TIMEOUT_SECONDS = Integer.getInteger("cluster.restart-timeout-seconds", 600);
    private static final int ROLLUP_TIMEOUT_SECONDS = Integer.getInteger("cluster.rollup-timeout-seconds", 600);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private static final Findings FINDINGS = new Findings();

    @Test
    void anInstanceKilledUnderIngestLosesAndDoublesNothingAndItsLeaseMoves() throws Exception {
        List<String> names = new ArrayList<>(INSTANCES.keySet());
        String first = names.get(0);
        String second = names.get(1);
        FINDINGS.add(RUN, "Setup", INSTANCES + " behind " + Api.BASE + ", ingest " + System.getProperty("cluster.ingest")
                + "; " + n(RECORDS) + " records of " + PROMPTS + " prompts, " + CLIENTS + " clients, seed " + SEED);
        try (LeaseWatch lease = new LeaseWatch(EVALUATOR_LEASE)) {
            assertTrue(lease.awaitHolder(first, Duration.ofSeconds(60)),
                    "the first instance should hold the evaluator's lease before the kill (it starts first); holders seen: " + lease.holders());

            List<String> prompts = IntStream.range(0, PROMPTS).mapToObj(i -> Api.unique("cluster")).toList();
            RecordGenerator generator = new RecordGenerator(SEED, prompts, RECORDS);
            generator.register(Api.as(Api.newKey("operator")));
            Api ingest = Keys.unlimited("ingest");
            long accessLogFrom = size(NGINX_LOG);

            // Phase 1: the first half, the first instance killed once a quarter is acknowledged.
            Clients before = new Clients(generator, ingest, 0, RECORDS / 2).start();
            while (before.acknowledged() < RECORDS / 4 && !before.finished()) {
                Thread.sleep(5);
            }
            long pid = kill(first);
            Instant killedAt = Instant.now();
            progress("SIGKILL to %s (pid %d) once %,d records were acknowledged", first, pid, before.acknowledged());
            before.await();
            FINDINGS.add(RUN, "SIGKILL", first + " (pid " + pid + ", holding the evaluator's lease) once "
                    + n(before.acknowledgedAtKill(killedAt)) + " of " + n(RECORDS / 2) + " records were acknowledged");
            boolean moved = lease.awaitHolder(second, Duration.ofSeconds(30));
            Instant takenAt = lease.firstSeen(second);
            FINDINGS.check(RUN, "Evaluator's lease taken by the survivor after the kill", moved && takenAt != null,
                    takenAt == null ? "not within 30 s" : s(Duration.between(killedAt, takenAt).toMillis() / 1000.0)
                            + " (the term: 3 evaluator intervals; " + lease.handovers() + ")");
            Map<String, Long> servedBefore = served(accessLogFrom);
            FINDINGS.add(RUN, "Ingest requests served, first half (nginx access log)", servedBefore.toString());

            // The killed instance back through the DAS, as an operator would; then the second half.
            long restarting = System.nanoTime();
            int exit = asadmin("start-instance", first);
            boolean back = awaitServing(INSTANCES.get(first), RESTART_TIMEOUT_SECONDS);
            double restartSeconds = (System.nanoTime() - restarting) / 1e9;
            FINDINGS.check(RUN, "Restart of " + first + " (asadmin start-instance through the DAS) until it serves /ui/",
                    exit == 0 && back, s(restartSeconds) + (exit == 0 ? "" : ", asadmin exit " + exit));
            long accessLogAfter = size(NGINX_LOG);
            Clients after = new Clients(generator, ingest, RECORDS / 2, RECORDS).start().await();
            FINDINGS.add(RUN, "Ingest requests served, second half", served(accessLogAfter).toString());

            long failedAttempts = before.failedAttempts() + after.failedAttempts();
            FINDINGS.add(RUN, "Requests / attempts without a 2xx (retried)", n(before.requests() + after.requests()) + " / "
                    + n(failedAttempts) + " (" + before.failures() + ", then " + after.failures() + ")");
            FINDINGS.check(RUN, "Records acknowledged (accepted or duplicate)",
                    before.acknowledged() + after.acknowledged() == RECORDS && before.rejected() + after.rejected() == 0,
                    n(before.acknowledged() + after.acknowledged()) + " of " + n(RECORDS) + ", rejected "
                            + n(before.rejected() + after.rejected()) + ", answered duplicate " + n(before.duplicates() + after.duplicates()));

            Stored stored = stored(prompts);
            Set<String> expected = new HashSet<>();
            Map<String, Long> expectedPerVersion = new TreeMap<>();
            for (long i = 0; i < RECORDS; i++) {
                RecordGenerator.Execution e = generator.record(i);
                expected.add(e.executionId());
                expectedPerVersion.merge(e.promptId() + "/" + e.version(), 1L, Long::sum);
            }
            Set<String> missing = new HashSet<>(expected);
            missing.removeAll(stored.ids());
            Set<String> foreign = new HashSet<>(stored.ids());
            foreign.removeAll(expected);
            FINDINGS.check(RUN, "Stored rows / distinct execution ids / generated (SQL on the shared database)",
                    stored.rows() == RECORDS && stored.ids().size() == RECORDS && missing.isEmpty() && foreign.isEmpty(),
                    n(stored.rows()) + " / " + n(stored.ids().size()) + " / " + n(RECORDS) + " (missing " + n(missing.size())
                            + ", not generated " + n(foreign.size()) + ")");

            double caughtUp = Calls.awaitRollups(Api.admin(), ROLLUP_TIMEOUT_SECONDS);
            Map<String, Long> rolledUp = CrashRun.executionsPerVersion(Api.as(Api.newKey("viewer")), prompts);
            FINDINGS.check(RUN, "Rollups (metrics API, all-time executions per prompt/version) vs records (SQL)",
                    rolledUp.equals(stored.perVersion()) && stored.perVersion().equals(expectedPerVersion),
                    n(sum(rolledUp)) + " vs " + n(sum(stored.perVersion())) + " in " + rolledUp.size() + " prompt versions; caught up "
                            + s(caughtUp) + " after the last record");

            List<String> overlaps = lease.overlaps();
            FINDINGS.check(RUN, "Evaluator's lease: holders in turn, none before the other's term ended",
                    overlaps.isEmpty() && lease.polls() > 0, lease.holders() + " over " + n(lease.polls()) + " reads"
                            + (overlaps.isEmpty() ? "" : "; " + overlaps));
        }
        FINDINGS.assertHeld(RUN);
    }

    /**
     * An API key revoked through one instance is refused by the other within a second: the revocation
     * raises the cache generation, which every instance polls (promptwatch.cache.invalidation-poll-ms).
     */
    @Test
    void aKeyRevokedOnOneInstanceIsRefusedByTheOtherWithinASecond() throws Exception {
        List<String> urls = new ArrayList<>(INSTANCES.values());
        JsonObject issued = Calls.ok(Api.admin().post("/api/v1/keys", Json.createObjectBuilder()
                .add("name", Api.unique("cluster-revoked")).add("roles", Json.createArrayBuilder().add("viewer"))
                .build().toString())).object();
        String key = issued.getString("key");
        for (String url : urls) {
            assertEquals(200, get(url, "/api/v1/prompts", key), "the new key on " + url);
        }
        assertEquals(200, delete(urls.get(0), "/api/v1/keys/" + issued.getString("id"), Api.ADMIN_KEY));
        long revoked = System.nanoTime();
        int status = get(urls.get(1), "/api/v1/prompts", key);
        while (status == 200 && System.nanoTime() - revoked < TimeUnit.SECONDS.toNanos(1)) {
            Thread.sleep(20);
            status = get(urls.get(1), "/api/v1/prompts", key);
        }
        assertEquals(401, status, "the revoked key on the other instance after a second");
    }

    /**
     * Exactly one rollup worker in the cluster at any time: the lease {@code rollups} has one holder,
     * who alone moves the rollup positions, while records come in through nginx (through both instances
     * when ingest is balanced), and the rollups equal the records.
     */
    @Test
    void exactlyOneRollupWorkerRunsAtATime() throws Exception {
        try (LeaseWatch lease = new LeaseWatch("rollups")) {
            List<String> prompts = IntStream.range(0, 4).mapToObj(i -> Api.unique("cluster-rollups")).toList();
            RecordGenerator generator = new RecordGenerator(SEED + 1, prompts, 20_000);
            generator.register(Api.as(Api.newKey("operator")));
            new Clients(generator, Keys.unlimited("ingest"), 0, 20_000).start().await();
            Calls.awaitRollups(Api.admin(), ROLLUP_TIMEOUT_SECONDS);
            assertTrue(lease.polls() > 0 && !lease.holders().isEmpty(), "the lease rollups was never held");
            assertEquals(List.of(), lease.overlaps(), "two rollup workers at once: " + lease.holders());
            Map<String, Long> rolledUp = CrashRun.executionsPerVersion(Api.as(Api.newKey("viewer")), prompts);
            assertEquals(stored(prompts).perVersion(), rolledUp);
        }
    }

    @AfterAll
    static void table() throws IOException {
        String table = FINDINGS.table(String.format("Two instances, %s, %d cores, Java %s",
                LocalDateTime.now().truncatedTo(ChronoUnit.MINUTES), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version")));
        System.out.println("\n" + table);
        Files.writeString(Path.of("target/cluster-results.md"), table);
    }

    /** SIGKILL to the instance's JVM (its pid from the instance's config/pid), waiting until it is gone. */
    private static long kill(String instance) throws Exception {
        long pid = Long.parseLong(Files.readString(PAYARA.resolve("glassfish/nodes/localhost-domain1/" + instance + "/config/pid")).strip());
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(instance + " (pid " + pid + ") is not running"));
        Process kill = new ProcessBuilder("kill", "-KILL", Long.toString(pid)).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -KILL " + pid);
        process.onExit().get(30, TimeUnit.SECONDS);
        return pid;
    }

    private static int asadmin(String... command) throws Exception {
        List<String> line = new ArrayList<>(List.of(PAYARA.resolve("bin/asadmin").toString(), "--port=" + ADMIN_PORT, "--interactive=false"));
        line.addAll(List.of(command));
        Process asadmin = new ProcessBuilder(line).inheritIO().start();
        if (!asadmin.waitFor(RESTART_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            asadmin.destroyForcibly();
            return -1;
        }
        return asadmin.exitValue();
    }

    private static boolean awaitServing(String url, int timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            if (get(url, "/ui/", null) == 200) {
                return true;
            }
            Thread.sleep(500);
        }
        return false;
    }

    private static int get(String url, String path, String key) {
        return status(HttpRequest.newBuilder(URI.create(url + path)).GET(), key);
    }

    private static int delete(String url, String path, String key) {
        return status(HttpRequest.newBuilder(URI.create(url + path)).DELETE(), key);
    }

    private static int status(HttpRequest.Builder request, String key) {
        request.timeout(Duration.ofSeconds(10));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static long size(Path file) throws IOException {
        return Files.exists(file) ? Files.size(file) : 0;
    }

    /**
     * Ingest requests in nginx's access log from byte {@code from} on, by the instance that answered
     * them; a request nginx retried is counted as "B after A answered S" (S: A's status, 502 when the
     * connection failed).
     */
    private static Map<String, Long> served(long from) throws IOException {
        byte[] log = Files.readAllBytes(NGINX_LOG);
        int start = Math.toIntExact(Math.min(from, log.length));
        String lines = new String(log, start, log.length - start, java.nio.charset.StandardCharsets.UTF_8);
        Map<String, Long> served = new TreeMap<>();
        for (String line : lines.split("\n")) {
            if (!line.contains("/api/v1/executions")) {
                continue;
            }
            // time "POST /api/v1/executions/batch HTTP/1.1" 200 127.0.0.1:28380, 127.0.0.1:28480 503, 200
            String[] fields = line.substring(line.lastIndexOf('"') + 1).strip().split(" ", 2);
            if (fields.length < 2) {
                continue;
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(.*?) (\\S+(?:, \\S+)*)$").matcher(fields[1]);
            if (!m.matches()) {
                continue;
            }
            String[] tried = m.group(1).split(", ");
            String[] statuses = m.group(2).split(", ");
            String last = instance(tried[tried.length - 1]);
            String key = tried.length == 1 ? last
                    : last + " after " + instance(tried[0]) + " answered " + statuses[0];
            served.merge(key, 1L, Long::sum);
        }
        return served;
    }

    private static String instance(String address) {
        if (!address.contains(":")) {
            return "nobody (no live instance: nginx answered 502)"; // the upstream's name in place of an address
        }
        String port = address.substring(address.lastIndexOf(':') + 1);
        return INSTANCES.entrySet().stream().filter(e -> e.getValue().endsWith(":" + port)).map(Map.Entry::getKey)
                .findFirst().orElse(address);
    }

    /** What the shared database holds of these prompts' records. */
    private record Stored(long rows, Set<String> ids, Map<String, Long> perVersion) {
    }

    private static Stored stored(List<String> prompts) throws SQLException {
        long rows = 0;
        Set<String> ids = new HashSet<>();
        Map<String, Long> perVersion = new TreeMap<>();
        try (Connection db = DriverManager.getConnection(DB_URL);
             PreparedStatement query = db.prepareStatement("SELECT prompt_id, version, execution_id FROM execution WHERE prompt_id = ANY (?)")) {
            query.setArray(1, db.createArrayOf("varchar", prompts.toArray()));
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    rows++;
                    ids.add(rs.getString(3));
                    perVersion.merge(rs.getString(1) + "/" + rs.getString(2), 1L, Long::sum);
                }
            }
        }
        return new Stored(rows, ids, perVersion);
    }

    private static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Reads a lease's row from the shared database every 50 ms on its own thread: who held it, and
     * from when to when. Two holders at once would show as a holder whose acquisition came before the
     * last seen expiry of the holder before it.
     */
    private static final class LeaseWatch implements AutoCloseable {

        private record Term(String holder, Instant acquiredAt, Instant lastExpiry, Instant firstSeen) {
        }

        private final String name;
        private final List<Term> terms = new ArrayList<>();
        private final AtomicBoolean stopping = new AtomicBoolean();
        private final AtomicLong polls = new AtomicLong();
        private final Thread thread;

        LeaseWatch(String name) {
            this.name = name;
            this.thread = new Thread(this::watch, "lease-watch-" + name);
            thread.setDaemon(true);
            thread.start();
        }

        private void watch() {
            try (Connection db = DriverManager.getConnection(DB_URL);
                 PreparedStatement read = db.prepareStatement("SELECT holder, acquired_at, expires_at FROM cluster_lease WHERE name = ?")) {
                read.setString(1, name);
                while (!stopping.get()) {
                    try (ResultSet rs = read.executeQuery()) {
                        if (rs.next()) {
                            note(rs.getString(1), instant(rs.getTimestamp(2)), instant(rs.getTimestamp(3)));
                        }
                    }
                    polls.incrementAndGet();
                    Thread.sleep(50);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("reading the lease " + name + " failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static Instant instant(Timestamp t) {
            return t == null ? null : t.toInstant();
        }

        private synchronized void note(String holder, Instant acquiredAt, Instant expiresAt) {
            Term last = terms.isEmpty() ? null : terms.get(terms.size() - 1);
            if (last != null && last.holder().equals(holder) && last.acquiredAt().equals(acquiredAt)) {
                terms.set(terms.size() - 1, new Term(holder, acquiredAt, expiresAt, last.firstSeen()));
            } else {
                terms.add(new Term(holder, acquiredAt, expiresAt, Instant.now()));
            }
            notifyAll();
        }

        /** Whether the instance (holder {@code instance@host}) holds the lease within {@code timeout}. */
        synchronized boolean awaitHolder(String instance, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (terms.isEmpty() || !terms.get(terms.size() - 1).holder().startsWith(instance + "@")) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        }

        /** When this watch first saw the instance's latest term. */
        synchronized Instant firstSeen(String instance) {
            for (int i = terms.size() - 1; i >= 0; i--) {
                if (terms.get(i).holder().startsWith(instance + "@")) {
                    return terms.get(i).firstSeen();
                }
            }
            return null;
        }

        /** Each term that began before the term before it had expired (as last seen). */
        synchronized List<String> overlaps() {
            List<String> overlaps = new ArrayList<>();
            for (int i = 1; i < terms.size(); i++) {
                Term before = terms.get(i - 1);
                Term term = terms.get(i);
                if (!term.holder().equals(before.holder()) && term.acquiredAt().isBefore(before.lastExpiry())) {
                    overlaps.add(term.holder() + " from " + term.acquiredAt() + " while " + before.holder() + " held it until " + before.lastExpiry());
                }
            }
            return overlaps;
        }

        /** Each change of holder: how long after the last seen expiry of the term before it the new term began. */
        synchronized List<String> handovers() {
            List<String> handovers = new ArrayList<>();
            for (int i = 1; i < terms.size(); i++) {
                Term before = terms.get(i - 1);
                Term term = terms.get(i);
                if (!term.holder().equals(before.holder())) {
                    handovers.add(before.holder() + " to " + term.holder() + " " + s(Duration.between(before.lastExpiry(), term.acquiredAt()).toMillis() / 1000.0)
                            + " after the term last seen expired");
                }
            }
            return handovers;
        }

        synchronized List<String> holders() {
            return terms.stream().map(t -> t.holder() + " from " + t.acquiredAt()).toList();
        }

        long polls() {
            return polls.get();
        }

        @Override
        public void close() throws InterruptedException {
            stopping.set(true);
            thread.join(5000);
        }
    }

    /**
     * Client threads sending records {@code from .. to-1} in chunks of {@value RecordStream#CHUNK}, each as
     * one batch request (every 20th chunk record by record), and sending a chunk again, after a short
     * pause, until every record of it got a 2xx: ingest is idempotent by executionId, so a retry of a
     * record that was stored answers "duplicate".
     */
    private static final class Clients {

        private static final int SINGLE_EVERY = 20;
        private static final long PAUSE_AFTER_FAILURE_MS = 200;

        private final RecordGenerator generator;
        private final Api ingest;
        private final long from;
        private final long to;
        private final AtomicLong nextChunk = new AtomicLong();
        private final LongAdder acknowledged = new LongAdder();
        private final LongAdder duplicates = new LongAdder();
        private final LongAdder rejected = new LongAdder();
        private final LongAdder requests = new LongAdder();
        private final Map<String, LongAdder> failures = new java.util.concurrent.ConcurrentHashMap<>();
        private final List<long[]> acknowledgedOverTime = java.util.Collections.synchronizedList(new ArrayList<>());
        private ExecutorService threads;
        private final List<Future<?>> running = new ArrayList<>();

        Clients(RecordGenerator generator, Api ingest, long from, long to) {
            this.generator = generator;
            this.ingest = ingest;
            this.from = from;
            this.to = to;
        }

        Clients start() {
            threads = Executors.newFixedThreadPool(CLIENTS);
            for (int t = 0; t < CLIENTS; t++) {
                running.add(threads.submit(this::send));
            }
            return this;
        }

        Clients await() throws Exception {
            try {
                for (Future<?> client : running) {
                    client.get();
                }
            } finally {
                threads.shutdownNow();
            }
            return this;
        }

        boolean finished() {
            return running.stream().allMatch(Future::isDone);
        }

        private void send() {
            while (true) {
                long chunk = nextChunk.getAndIncrement();
                long start = from + chunk * RecordStream.CHUNK;
                if (start >= to) {
                    return;
                }
                int count = (int) Math.min(RecordStream.CHUNK, to - start);
                if (chunk % SINGLE_EVERY == SINGLE_EVERY - 1) {
                    for (long i = start; i < start + count; i++) {
                        long index = i;
                        untilAcknowledged(() -> single(index));
                    }
                } else {
                    untilAcknowledged(() -> batch(start, count));
                }
            }
        }

        private interface Attempt {
            boolean acknowledged() throws InterruptedException;
        }

        private void untilAcknowledged(Attempt attempt) {
            try {
                while (!attempt.acknowledged()) {
                    Thread.sleep(PAUSE_AFTER_FAILURE_MS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private boolean batch(long start, int count) {
            Api.Reply reply = post("/api/v1/executions/batch", generator.batch(start, count));
            if (reply == null || reply.status() != 200) {
                return false;
            }
            int acknowledgedNow = 0;
            for (JsonValue result : reply.array()) {
                String status = result.asJsonObject().getString("status");
                if (status.equals("accepted") || status.equals("duplicate")) {
                    acknowledgedNow++;
                    if (status.equals("duplicate")) {
                        duplicates.increment();
                    }
                } else {
                    rejected.increment();
                }
            }
            acknowledge(acknowledgedNow);
            return true;
        }

        private boolean single(long index) {
            Api.Reply reply = post("/api/v1/executions", generator.record(index).json().toString());
            if (reply == null || reply.status() / 100 != 2) {
                return false;
            }
            if (reply.status() == 200 && !"duplicate".equals(reply.object().getString("status"))) {
                rejected.increment();
            } else {
                if (reply.status() == 200) {
                    duplicates.increment();
                }
                acknowledge(1);
            }
            return true;
        }

        private void acknowledge(int records) {
            acknowledged.add(records);
            acknowledgedOverTime.add(new long[] {System.currentTimeMillis(), acknowledged.sum()});
        }

        private Api.Reply post(String path, String body) {
            requests.increment();
            Api.Reply reply;
            try {
                reply = ingest.post(path, body);
            } catch (IllegalStateException connectionFailed) {
                reply = null;
            }
            if (reply == null || reply.status() / 100 != 2) {
                failures.computeIfAbsent(reply == null ? "no answer" : Integer.toString(reply.status()), k -> new LongAdder()).increment();
            }
            return reply;
        }

        /** Records acknowledged when the kill was sent. */
        long acknowledgedAtKill(Instant killedAt) {
            synchronized (acknowledgedOverTime) {
                return acknowledgedOverTime.stream().filter(a -> a[0] <= killedAt.toEpochMilli()).mapToLong(a -> a[1]).max().orElse(0);
            }
        }

        long acknowledged() {
            return acknowledged.sum();
        }

        long duplicates() {
            return duplicates.sum();
        }

        long rejected() {
            return rejected.sum();
        }

        long requests() {
            return requests.sum();
        }

        long failedAttempts() {
            return failures.values().stream().mapToLong(LongAdder::sum).sum();
        }

        Map<String, Long> failures() {
            Map<String, Long> counts = new TreeMap<>();
            failures.forEach((k, v) -> counts.put(k, v.sum()));
            return counts;
        }
    }
}
