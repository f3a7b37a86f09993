package io.promptwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptwatch.alerting.boundary.HealthOverview;
import io.promptwatch.alerting.entity.HealthCheckResult;
import io.promptwatch.cache.CacheGenerationWatch;
import io.promptwatch.lease.Lease;
import io.promptwatch.lease.Leases;
import io.promptwatch.metrics.boundary.RollupWorker;
import io.promptwatch.metrics.control.RollupStore;
import io.promptwatch.metrics.entity.Window;
import io.promptwatch.persistence.Dialect;
import io.promptwatch.registry.boundary.NewPrompt;
import io.promptwatch.registry.boundary.NewVersion;
import io.promptwatch.registry.boundary.PromptRegistry;
import io.promptwatch.registry.entity.PrivacyMode;
import io.promptwatch.security.boundary.ApiKeys;
import io.promptwatch.security.boundary.IssuedKey;
import io.promptwatch.tracking.control.ExecutionStore;
import io.promptwatch.tracking.control.ExecutionWriter;
import io.promptwatch.tracking.entity.Execution;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two servers sharing one database behave as one service (issue 21, "Two instances, one service"),
 * checked on one server against the real database: "the other server" is this test writing to the
 * database as that server would (a revocation or deploy with its cache generation raised, a holder
 * of the rollups' lease, a second writer of records with its own id counter). The test runs inside
 * the server ({@link InContainer}) so that it reaches the server's beans and the very database the
 * server uses, on Derby and on PostgreSQL.
 */
@ExtendWith(ArquillianExtension.class)
class ClusterSafetyIT {

    private static final Logger LOG = Logger.getLogger(ClusterSafetyIT.class.getName());
    /** The other server, as it would name itself in a lease ({@link Leases#HOLDER}: instance@host). */
    private static final String OTHER_SERVER = "instance2@other-host";
    /** Issue 21: "an API key revoked on one instance is refused by the other within a second". */
    private static final Duration WITHIN = Duration.ofSeconds(1);
    /** How long a change without the generation raised is checked to stay unseen: four polls at the default 250 ms. */
    private static final Duration UNSEEN_FOR = Duration.ofSeconds(1);

    @Deployment
    static EnterpriseArchive ear() {
        return InContainer.ear(ClusterSafetyIT.class);
    }

    @EJB
    ApiKeys keys;

    @EJB
    PromptRegistry registry;

    @EJB
    Leases leases;

    @EJB
    HealthOverview health;

    @EJB
    ExecutionStore store;

    @Inject
    ExecutionWriter writer;

    @Inject
    RollupStore rollups;

    @EJB
    CacheGenerationWatch watch;

    /**
     * A key revoked by the other server (its row changed and the cache generation raised in one
     * transaction) is refused here within a second, although this server had it cached as valid.
     * Vacuity: the same revocation without the raise is not seen for longer than the poll takes
     * (the cache is what stood in the way), and the secret was accepted before.
     */
    @Test
    void aKeyRevokedOnTheOtherServerIsRefusedWithinASecond() throws Exception {
        IssuedKey issued = null;
        for (int attempt = 1; issued == null; attempt++) {
            IssuedKey candidate = keys.issue("cluster-" + UUID.randomUUID(), List.of("ingest"), "ClusterSafetyIT");
            boolean[] unseen = new boolean[1];
            boolean quiet = generationStoodStill(() -> {
                assertTrue(keys.authenticate(candidate.secret()).isPresent(), "a fresh key is accepted (and now cached)");
                try (Connection c = database().getConnection()) {
                    c.setAutoCommit(false);
                    try (PreparedStatement revoke = c.prepareStatement("UPDATE api_key SET revoked_at = ? WHERE id = ?")) {
                        revoke.setTimestamp(1, Timestamp.from(Instant.now()));
                        revoke.setString(2, candidate.key().id());
                        assertEquals(1, revoke.executeUpdate());
                    }
                    c.commit();
                }
                Thread.sleep(UNSEEN_FOR.toMillis());
                unseen[0] = keys.authenticate(candidate.secret()).isPresent();
            });
            if (quiet) {
                assertTrue(unseen[0], "without the generation raised, the revocation stays unseen behind the cache"
                        + " (else this test shows nothing)");
                issued = candidate;
            } else {
                assertTrue(attempt < 5, "another test raised the cache generation in each of five tries: no quiet second");
            }
        }

        String secret = issued.secret();
        Instant raised = raiseGenerationAsTheOtherServer();
        Duration refusedAfter = awaitTrue(() -> keys.authenticate(secret).isEmpty(), Duration.ofSeconds(10));
        LOG.info(() -> "the key revoked elsewhere was refused " + refusedAfter.toMillis() + " ms after the generation moved");
        assertTrue(refusedAfter.compareTo(WITHIN) <= 0, "refused " + refusedAfter.toMillis() + " ms after the revocation committed"
                + " (at " + raised + "): more than a second");
    }

    /**
     * A version deployed by the other server (the prompt's active version changed, the generation
     * raised) is the one this server answers within a second, although it had the old one cached.
     */
    @Test
    void aDeployOnTheOtherServerIsSeenWithinASecond() throws Exception {
        for (int attempt = 1; !deployedElsewhereIsSeenWithinASecond(); attempt++) {
            assertTrue(attempt < 5, "another test raised the cache generation in each of five tries: no quiet second");
        }
    }

    /** The deploy check; false when the generation moved meanwhile (another test's change), which shows nothing. */
    private boolean deployedElsewhereIsSeenWithinASecond() throws Exception {
        String prompt = unique("cluster-prompt");
        registry.createPrompt(new NewPrompt(prompt, "Cluster prompt", null, Set.of(), PrivacyMode.RAW), "ClusterSafetyIT");
        for (String version : List.of("1.0.0", "1.1.0")) {
            registry.registerVersion(prompt, new NewVersion(version, "text of " + version, null, null, null, null, false),
                    "ClusterSafetyIT");
            registry.stage(prompt, version, "ClusterSafetyIT", null);
        }
        registry.deploy(prompt, "1.0.0", "ClusterSafetyIT", null, null, false);
        // This deploy raised the generation too: generationStoodStill waits its clear out first.
        String[] unseen = new String[1];
        boolean quiet = generationStoodStill(() -> {
            assertEquals("1.0.0", registry.active(prompt).version(), "and now cached");
            try (Connection c = database().getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement deploy = c.prepareStatement("UPDATE prompt SET active_version = ? WHERE id = ?")) {
                    deploy.setString(1, "1.1.0");
                    deploy.setString(2, prompt);
                    assertEquals(1, deploy.executeUpdate());
                }
                c.commit();
            }
            Thread.sleep(UNSEEN_FOR.toMillis());
            unseen[0] = registry.active(prompt).version();
        });
        if (!quiet) {
            return false;
        }
        assertEquals("1.0.0", unseen[0], "unseen behind the cache while the generation stands");

        raiseGenerationAsTheOtherServer();
        Duration seenAfter = awaitTrue(() -> registry.active(prompt).version().equals("1.1.0"), Duration.ofSeconds(10));
        assertTrue(seenAfter.compareTo(WITHIN) <= 0, "the deploy showed " + seenAfter.toMillis() + " ms after it committed");
        return true;
    }

    /** A step of a test that may throw. */
    private interface Step {
        void run() throws Exception;
    }

    /**
     * Runs {@code during} and says whether the cache generation stood still meanwhile: a vacuity check
     * ("unseen behind the cache") holds only then, as the suite's other tests share this server and a
     * change of theirs raises the generation, which clears every cache. Waits first until this server's
     * watch has seen the current generation, so that no clear of an earlier raise, nor the watch's first
     * read after this deployment started (which clears too), lands while {@code during} relies on a cache.
     */
    private boolean generationStoodStill(Step during) throws Exception {
        long before = generation();
        awaitTrue(() -> watch.seen() == before, Duration.ofSeconds(30));
        during.run();
        return generation() == before;
    }

    private static long generation() throws SQLException {
        try (Connection c = database().getConnection();
             PreparedStatement select = c.prepareStatement("SELECT generation FROM cache_generation WHERE id = 1");
             ResultSet rs = select.executeQuery()) {
            assertTrue(rs.next(), "no cache generation row");
            return rs.getLong(1);
        }
    }

    /**
     * While the other server holds the lease {@code rollups}, this server's rollup worker leaves new
     * records alone (two workers never roll at once); once the lease has expired this server takes it
     * and rolls them up, each record once in every window. The health overview names the holder.
     */
    @Test
    void aForeignRollupLeaseStopsThisServersRollupsUntilItExpires() throws Exception {
        awaitTrue(() -> rollups.pending() == 0, Duration.ofSeconds(120));
        Instant expires = Instant.now().plusSeconds(8);
        holdLeaseAsTheOtherServer(RollupWorker.LEASE, expires);
        Thread.sleep(1_500); // a run that took the lease just before ends (nothing to roll: it is short)

        String prompt = unique("cluster-rollups");
        int records = 50;
        Random random = new Random(5);
        List<Execution.Fields> request = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            request.add(record(prompt, Instant.now().minusSeconds(random.nextInt(300))));
        }
        assertEquals(records, writer.write(request).size());
        long newest = newestId();

        HealthOverview.Overview overview = health.overview(new HealthCheckResult("ingest-breaker", HealthCheckResult.State.UP,
                "not read here", Map.of()));
        Lease shown = overview.leases().stream().filter(l -> l.name().equals(RollupWorker.LEASE)).findFirst().orElseThrow();
        assertEquals(OTHER_SERVER, shown.holder(), "the overview names the other server as the rollups' holder");
        assertEquals(Leases.HOLDER, overview.server());

        long watchUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (System.nanoTime() < watchUntil) {
            Map<Window, Long> positions = rollups.positions();
            assertTrue(positions.values().stream().allMatch(p -> p < newest),
                    "a window rolled up while another server held the lease: " + positions + ", newest " + newest);
            Thread.sleep(100);
        }
        assertTrue(Instant.now().isBefore(expires), "the watch ended before the lease expired (else it proves nothing)");

        Duration caughtUp = awaitTrue(() -> rollups.positions().values().stream().allMatch(p -> p >= newest), Duration.ofSeconds(60));
        LOG.info(() -> "the rollups caught up " + caughtUp.toMillis() + " ms after the foreign lease's watch");
        assertEquals(Leases.HOLDER, leases.current(RollupWorker.LEASE).holder(), "this server took the lease over");
        for (Window window : Window.values()) {
            assertEquals(records, promptExecutions(prompt, window), "the " + window.label() + " buckets count each record once");
        }
    }

    /**
     * Ingest clients writing at once never get the same record id. On PostgreSQL a second server's
     * writer is one more: threads storing through the store with a counter of their own that the
     * other writers never see (as another server's writer has), which only the numbering lock keeps
     * apart; Derby is embedded, so a second server cannot exist. A reader following the ids, as a
     * rollup window does, must read every record once: ids grow in commit order across the writers.
     * Afterwards the rollups count every record once.
     */
    @Test
    void concurrentWritersNeverShareAnIdAndIdsGrowInCommitOrder() throws Exception {
        boolean shared;
        try (Connection c = database().getConnection()) {
            shared = Dialect.of(c) == Dialect.POSTGRESQL;
        }
        String prompt = unique("cluster-ids");
        int clients = 4;
        int otherServerWriters = shared ? 2 : 0;
        int requestsEach = 30;
        long start = newestId();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger passesWhileWriting = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients + otherServerWriters + 1, managedThreads());
        try {
            Future<List<Long>> reader = pool.submit(() -> follow(start, writing, passesWhileWriting));
            List<Future<Integer>> writes = new ArrayList<>();
            for (int t = 0; t < clients + otherServerWriters; t++) {
                boolean otherServer = t >= clients;
                Random random = new Random(40 + t);
                writes.add(pool.submit(() -> {
                    long ownCounter = start; // the other server's writer read MAX(id) once, as ExecutionWriter does
                    int stored = 0;
                    for (int r = 0; r < requestsEach; r++) {
                        List<Execution.Fields> request = new ArrayList<>();
                        for (int i = 1 + random.nextInt(20); i > 0; i--) {
                            request.add(record(prompt, Instant.now().minusSeconds(random.nextInt(300))));
                        }
                        int inserted;
                        if (otherServer) {
                            ExecutionStore.Written written = store.insertNew(request, ownCounter);
                            ownCounter = written.lastId();
                            inserted = written.inserted().size();
                        } else {
                            inserted = writer.write(request).size();
                        }
                        assertEquals(request.size(), inserted, "every execution id is new, so every record is stored");
                        stored += inserted;
                    }
                    return stored;
                }));
            }
            int sum = 0;
            for (Future<Integer> write : writes) {
                sum += await(write);
            }
            int written = sum;
            writing.set(false);
            List<Long> read = await(reader);
            List<Long> stored = idsOf(prompt);
            LOG.info(() -> written + " records by " + clients + " clients and " + otherServerWriters
                    + " writers of another server; the follower read " + read.size() + " in " + passesWhileWriting + " passes");
            assertEquals(written, stored.size(), "every record stored once");
            assertEquals(written, new HashSet<>(stored).size(), "no two records share an id");
            Set<Long> missed = new HashSet<>(stored);
            read.forEach(missed::remove);
            assertTrue(missed.isEmpty(), missed.size() + " records committed behind a follower's position: "
                    + missed.stream().sorted().limit(20).toList());
            assertTrue(passesWhileWriting.get() >= 3, "the follower read while the writers wrote (" + passesWhileWriting + ")");

            long newest = newestId();
            awaitTrue(() -> rollups.positions().values().stream().allMatch(p -> p >= newest), Duration.ofSeconds(120));
            for (Window window : Window.values()) {
                assertEquals(written, promptExecutions(prompt, window), "the " + window.label() + " buckets count each record once");
            }
        } finally {
            writing.set(false);
            pool.shutdownNow();
        }
    }

    /** Raises the cache generation as a change committed on the other server does; returns when it committed. */
    private static Instant raiseGenerationAsTheOtherServer() throws SQLException {
        try (Connection c = database().getConnection();
             PreparedStatement raise = c.prepareStatement("UPDATE cache_generation SET generation = generation + 1, changed_at = ?"
                     + " WHERE id = 1")) {
            raise.setTimestamp(1, Timestamp.from(Instant.now()));
            assertEquals(1, raise.executeUpdate());
        }
        return Instant.now();
    }

    /** Writes the lease row as the other server taking it would. */
    private static void holdLeaseAsTheOtherServer(String name, Instant expires) throws SQLException {
        try (Connection c = database().getConnection()) {
            int updated;
            try (PreparedStatement take = c.prepareStatement(
                    "UPDATE cluster_lease SET holder = ?, acquired_at = ?, expires_at = ? WHERE name = ?")) {
                take.setString(1, OTHER_SERVER);
                take.setTimestamp(2, Timestamp.from(Instant.now()));
                take.setTimestamp(3, Timestamp.from(expires));
                take.setString(4, name);
                updated = take.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO cluster_lease (name, holder, acquired_at, expires_at) VALUES (?, ?, ?, ?)")) {
                    insert.setString(1, name);
                    insert.setString(2, OTHER_SERVER);
                    insert.setTimestamp(3, Timestamp.from(Instant.now()));
                    insert.setTimestamp(4, Timestamp.from(expires));
                    insert.executeUpdate();
                }
            }
        }
    }

    /** The executions the window's prompt buckets count for {@code prompt}. */
    private static long promptExecutions(String prompt, Window window) throws SQLException {
        try (Connection c = database().getConnection();
             PreparedStatement select = c.prepareStatement("SELECT COALESCE(SUM(executions), 0) FROM rollup_bucket"
                     + " WHERE window_minutes = ? AND breakdown = 1 AND prompt_id = ?")) {
            select.setInt(1, window.minutes());
            select.setString(2, prompt);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Reads as a rollup window does: the records after its position in id order, then moves the position to the last. */
    private static List<Long> follow(long start, AtomicBoolean writing, AtomicInteger passesWhileWriting) throws SQLException {
        List<Long> read = new ArrayList<>();
        long position = start;
        try (Connection c = database().getConnection();
             PreparedStatement next = c.prepareStatement("SELECT id FROM execution WHERE id > ? ORDER BY id")) {
            boolean last;
            do {
                last = !writing.get();
                int before = read.size();
                next.setLong(1, position);
                try (ResultSet rs = next.executeQuery()) {
                    while (rs.next()) {
                        position = rs.getLong(1);
                        read.add(position);
                    }
                }
                if (!last && read.size() > before) {
                    passesWhileWriting.incrementAndGet();
                }
            } while (!last);
        }
        return read;
    }

    private static List<Long> idsOf(String prompt) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection c = database().getConnection();
             PreparedStatement select = c.prepareStatement("SELECT id FROM execution WHERE prompt_id = ?")) {
            select.setString(1, prompt);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    private static long newestId() throws SQLException {
        try (Connection c = database().getConnection();
             PreparedStatement select = c.prepareStatement("SELECT MAX(id) FROM execution");
             ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Execution.Fields record(String prompt, Instant timestamp) {
        Execution.Fields f = new Execution.Fields();
        f.executionId = "exec-" + UUID.randomUUID();
        f.promptId = prompt;
        f.version = "1.0.0";
        f.model = "model-a";
        f.domain = "support";
        f.timestamp = timestamp;
        f.latencyMs = 120.0;
        f.success = true;
        f.privacyMode = PrivacyMode.RAW;
        f.receivedAt = Instant.now();
        return f;
    }

    /** How long until {@code condition} held (polled every 20 ms); fails after {@code limit}. */
    private static Duration awaitTrue(BooleanSupplier condition, Duration limit) throws InterruptedException {
        long began = System.nanoTime();
        long deadline = began + limit.toNanos();
        while (!condition.getAsBoolean()) {
            assertFalse(System.nanoTime() > deadline, "still not so after " + limit);
            Thread.sleep(20);
        }
        return Duration.ofNanos(System.nanoTime() - began);
    }

    private static DataSource database() {
        return lookup("jdbc/promptwatch");
    }

    private static ThreadFactory managedThreads() {
        return lookup("java:comp/DefaultManagedThreadFactory");
    }

    private static <T> T lookup(String name) {
        try {
            return InitialContext.doLookup(name);
        } catch (NamingException e) {
            throw new IllegalStateException("no " + name + " in the server", e);
        }
    }

    private static <T> T await(Future<T> task) throws InterruptedException {
        try {
            return task.get(180, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("a concurrent task failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("a concurrent task did not finish within 180 s (a hang?)", e);
        }
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
