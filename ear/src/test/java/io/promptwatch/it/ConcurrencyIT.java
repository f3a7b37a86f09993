package io.promptwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptwatch.metrics.control.RollupStore;
import io.promptwatch.metrics.entity.Window;
import io.promptwatch.registry.entity.PrivacyMode;
import io.promptwatch.tracking.boundary.ExecutionQuery;
import io.promptwatch.tracking.control.ExecutionWriter;
import io.promptwatch.tracking.entity.Execution;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
 * The two promises about concurrency that the rollups stand on, checked inside the server (the
 * test class runs in a WAR of the deployed EAR, {@link InContainer}) against the real beans and
 * the real Derby: {@link ExecutionWriter}'s commit order and {@link RollupStore}'s lock order.
 * End-to-end tests cannot time requests finely enough to meet the races these are about; here
 * threads of the server's own {@code ManagedThreadFactory} call the beans directly.
 */
@ExtendWith(ArquillianExtension.class)
class ConcurrencyIT {

    private static final String[] VERSIONS = {"1.0.0", "1.1.0"};
    private static final String[] MODELS = {"model-a", "model-b"};
    private static final String[] DOMAINS = {"billing", "support"};
    /** Breakdowns whose buckets belong to one prompt (the across-prompts one, code 4, mixes prompts). */
    private static final int[] PROMPT_BREAKDOWNS = {0, 1, 2, 3};
    /** In the server's log: how much the tasks overlapped, the figures the vacuity checks look at. */
    private static final Logger LOG = Logger.getLogger(ConcurrencyIT.class.getName());

    @Deployment
    static EnterpriseArchive ear() {
        return InContainer.ear(ConcurrencyIT.class);
    }

    @Inject
    ExecutionWriter writer;

    @Inject
    ExecutionQuery executions;

    @Inject
    RollupStore rollups;

    /**
     * ExecutionWriter numbers records in commit order, so a record never becomes visible after one
     * with a higher id: a reader that moves its position to the last id it read, as each rollup
     * window does, reads every record exactly once. Here such a reader follows the execution table
     * in a tight loop while six threads write 240 requests through the writer (mostly of 1 to 30
     * records, every eighth of 100 to 200); afterwards the ids it read must be exactly the ids stored.
     * <p>
     * Catches: records taking their ids outside the writer's single turn, so that one transaction
     * holds ids it has not inserted yet while another with higher ids commits. The reader moves past
     * the gap and never reads those records, as the rollups would never count them. Derby makes a
     * reader wait at the first uncommitted row, so what shows is the time between taking ids and
     * inserting the rows: tried while writing this test, each request reserving its ids and writing
     * without the turn left hundreds of records unread; groups writing at once with ids drawn while
     * binding (a narrower gap) left some unread too, but such a race is not caught in every run.
     * The reader must have read while the writers wrote, or the test proves nothing.
     */
    @Test
    void aReaderFollowingTheIdsSeesEveryRecordOnce() throws Exception {
        int writers = 6;
        int requestsEach = 40;
        String prompt = unique("order");
        long start = newestId();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger passesWhileWriting = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1, managedThreads());
        try {
            Future<List<Long>> reader = pool.submit(() -> follow(start, writing, passesWhileWriting));
            List<Future<Integer>> writes = new ArrayList<>();
            for (int t = 0; t < writers; t++) {
                int thread = t;
                Random random = new Random(t);
                writes.add(pool.submit(() -> {
                    int stored = 0;
                    for (int r = 0; r < requestsEach; r++) {
                        List<Execution.Fields> request = new ArrayList<>();
                        // Mostly small requests, now and then a large one: a larger gap between taking ids and
                        // inserting the rows, where an ordering fault would show.
                        int size = r % 8 == thread % 8 ? 100 + random.nextInt(100) : 1 + random.nextInt(30);
                        for (int i = size; i > 0; i--) {
                            request.add(record(prompt, Instant.now().minusSeconds(random.nextInt(600)), random));
                        }
                        Set<String> inserted = writer.write(request);
                        assertEquals(request.size(), inserted.size(), "every id is new, so every record is stored");
                        stored += inserted.size();
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

            List<Long> stored = idsAfter(start);
            LOG.info(() -> written + " records written; the reader read " + read.size() + ", in " + passesWhileWriting
                    + " passes that found new records while the writers wrote");
            assertEquals(written, stored.size(), "only this test writes records meanwhile");
            Set<Long> missed = new HashSet<>(stored);
            read.forEach(missed::remove);
            assertTrue(missed.isEmpty(), missed.size() + " records committed behind the reader's position, never read: "
                    + missed.stream().sorted().limit(20).toList());
            assertEquals(stored, read, "each record read once, in id order");
            assertTrue(passesWhileWriting.get() >= 5, "the reader read while the writers wrote (" + passesWhileWriting + " passes)");
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Feedback changes and rollup runs over the same records and buckets at once. A feedback change
     * takes the windows' position locks in window order, then moves the record's feedback in the
     * buckets of the windows that have rolled it up; a roll holds its window's position lock while
     * it folds records in. So they cannot deadlock, and each window counts a record's feedback once:
     * through its row (not rolled up yet) or through the change (rolled up already).
     * <p>
     * One thread writes 600 records or more (20 at a time, paced so that the rollups run behind it,
     * on until the changes have met records no window, some and every window had rolled up), four
     * change feedback, two roll the windows in small batches, and the server's rollup worker runs as
     * well. Half the changes go to the record right after some window's position, the one its next
     * roll reads; the others to the newest records or any. All must finish without an error; then,
     * everything rolled up, every bucket of the prompt must hold exactly the executions, feedback
     * count and feedback sum of its records, and each breakdown of each window all the records.
     * <p>
     * Catches: a deadlock or lock timeout (Derby ends a deadlock after 20 s with SQLState 40001, a
     * lock wait after 60 s with 40XL1), as when the record's row is written before the position
     * locks are taken (a roll reading that row waits for the change, which waits for the roll's
     * position lock) or the locks are taken in different orders; and a feedback change counted twice
     * or not at all, as when the position is read without its lock (a roll reads the old row and
     * moves past it while the change decides it has not been rolled up). Both were tried while
     * writing this test: the first ended in Derby's deadlock error, the second in buckets off.
     * <p>
     * Each record's feedback is changed by one thread only here, so that a miscount can only come
     * from the lock order; two changes of the same record at once are the next test's.
     */
    @Test
    void feedbackChangesDuringRollupsNeitherDeadlockNorMiscount() throws Exception {
        int records = 600;
        int chunk = 20;
        int changers = 4;
        int changesAfterWriting = 40;
        int rollers = 2;
        String prompt = unique("feedback");
        List<Written> written = new CopyOnWriteArrayList<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicBoolean changing = new AtomicBoolean(true);
        AtomicInteger notRolledUp = new AtomicInteger();
        AtomicInteger partlyRolledUp = new AtomicInteger();
        AtomicInteger rolledUp = new AtomicInteger();
        AtomicInteger rolled = new AtomicInteger();
        // The windows start level with the last record: a backlog left by the earlier tests (the
        // ingest test above writes thousands) would keep every position below this test's records,
        // and no change would meet a rolled-up one, as on a CI machine where the worker was behind.
        rollEveryRecord();
        ExecutorService pool = Executors.newFixedThreadPool(1 + changers + rollers, managedThreads());
        try {
            Future<?> writes = pool.submit(() -> {
                Random random = new Random(11);
                Instant now = Instant.now();
                // At least `records`; then on until a change has met each situation (how soon
                // depends on how fast the rolls run against this thread), up to five times as many.
                for (int i = 0; i < records || !(notRolledUp.get() > 0 && partlyRolledUp.get() > 0 && rolledUp.get() > 0)
                        && i < 5 * records; i += chunk) {
                    List<Execution.Fields> request = new ArrayList<>();
                    for (int j = 0; j < chunk; j++) {
                        request.add(record(prompt, now.minusSeconds(random.nextInt(600)), random));
                    }
                    writer.write(request);
                    written.addAll(writtenAfter(prompt, written.isEmpty() ? 0 : written.get(written.size() - 1).id()));
                    pause(40);
                }
                writing.set(false);
                return null;
            });
            List<Future<?>> changes = new ArrayList<>();
            for (int t = 0; t < changers; t++) {
                int owner = t;
                Random random = new Random(100 + t);
                changes.add(pool.submit(() -> {
                    int after = 0;
                    while (writing.get() || after++ < changesAfterWriting) {
                        int count = written.size();
                        Map<Window, Long> positions = rollups.positions();
                        int choice = random.nextInt(4);
                        int i = choice < 2 ? firstAfter(written, positions.get(Window.values()[random.nextInt(Window.values().length)]))
                                : choice == 2 ? count - 1 - random.nextInt(Math.min(20, Math.max(1, count))) : random.nextInt(Math.max(1, count));
                        // This thread's records are every changers-th written one, starting at its number.
                        int mine = Math.min(i, count - 1);
                        mine -= Math.floorMod(mine - owner, changers);
                        if (mine < 0) {
                            pause(1);
                            continue;
                        }
                        Written target = written.get(mine);
                        executions.giveFeedback(target.executionId(), 1 + random.nextInt(5), null);
                        if (target.id() > Collections.max(positions.values())) {
                            notRolledUp.incrementAndGet();
                        } else if (target.id() > Collections.min(positions.values())) {
                            partlyRolledUp.incrementAndGet();
                        } else {
                            rolledUp.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            List<Future<?>> rolls = new ArrayList<>();
            for (int t = 0; t < rollers; t++) {
                Random random = new Random(200 + t);
                rolls.add(pool.submit(() -> {
                    List<Window> windows = new ArrayList<>(Arrays.asList(Window.values()));
                    while (changing.get()) {
                        Collections.shuffle(windows, random);
                        for (Window window : windows) {
                            rolled.addAndGet(rollups.roll(window, 1 + random.nextInt(10), Instant.now()));
                        }
                    }
                    return null;
                }));
            }
            await(writes);
            for (Future<?> change : changes) {
                await(change);
            }
            changing.set(false);
            for (Future<?> roll : rolls) {
                await(roll);
            }
        } finally {
            changing.set(false);
            pool.shutdownNow();
        }
        rollEveryRecord();

        LOG.info(() -> "feedback changed on " + notRolledUp + " records no window had rolled up, " + partlyRolledUp
                + " some had, " + rolledUp + " all had, while the test's rolls read " + rolled + " records");
        assertTrue(notRolledUp.get() > 0 && partlyRolledUp.get() > 0 && rolledUp.get() > 0 && rolled.get() > 0,
                "feedback changed on records before, while and after the windows rolled them up");
        assertBucketsMatchRecords(prompt, written.size());
    }

    /**
     * Feedback changes of the same records from several threads at once, on records every window has
     * rolled up: each change must move the buckets from the feedback the record holds when it gets
     * the position locks, not from the one it read before waiting for them. Without that, the
     * buckets drifted from the records (20 of them off, counts one too high, in the run that found
     * it); one thread per record, as above, cannot show it.
     */
    @Test
    void concurrentFeedbackOnTheSameRecordsKeepsTheBucketsRight() throws Exception {
        int records = 40;
        int changers = 4;
        int changesEach = 60;
        String prompt = unique("samefeedback");
        Random seed = new Random(17);
        List<Execution.Fields> request = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < records; i++) {
            request.add(record(prompt, now.minusSeconds(seed.nextInt(600)), seed));
        }
        writer.write(request);
        List<Written> written = writtenAfter(prompt, 0);
        rollEveryRecord(); // every change below is a change of rolled-up buckets
        ExecutorService pool = Executors.newFixedThreadPool(changers, managedThreads());
        try {
            List<Future<?>> changes = new ArrayList<>();
            for (int t = 0; t < changers; t++) {
                Random random = new Random(300 + t);
                changes.add(pool.submit(() -> {
                    for (int n = 0; n < changesEach; n++) {
                        Written target = written.get(random.nextInt(written.size()));
                        executions.giveFeedback(target.executionId(), 1 + random.nextInt(5), null);
                    }
                    return null;
                }));
            }
            for (Future<?> change : changes) {
                await(change);
            }
        } finally {
            pool.shutdownNow();
        }
        assertBucketsMatchRecords(prompt, records);
    }

    /** Every bucket of the prompt holds exactly the executions and feedback of its records, each record once per breakdown. */
    /** Rolls each window until it has read every record written so far. */
    private void rollEveryRecord() {
        for (Window window : Window.values()) {
            while (rollups.roll(window, 5000, Instant.now()) > 0) {
                // until the window has read every record
            }
        }
    }

    private void assertBucketsMatchRecords(String prompt, int records) throws SQLException {
        List<StoredRecord> stored = storedRecords(prompt);
        assertEquals(records, stored.size());
        List<String> wrong = new ArrayList<>();
        for (StoredBucket bucket : storedBuckets(prompt)) {
            List<StoredRecord> in = stored.stream().filter(bucket::counts).toList();
            long feedbackCount = in.stream().filter(r -> r.feedback() != null).count();
            long feedbackSum = in.stream().filter(r -> r.feedback() != null).mapToLong(StoredRecord::feedback).sum();
            if (bucket.executions() != in.size() || bucket.feedbackCount() != feedbackCount || bucket.feedbackSum() != feedbackSum) {
                wrong.add(bucket + " but its records say executions=" + in.size() + " feedbackCount=" + feedbackCount
                        + " feedbackSum=" + feedbackSum);
            }
        }
        assertTrue(wrong.isEmpty(), wrong.size() + " buckets disagree with their records:\n" + String.join("\n", wrong));
        for (Window window : Window.values()) {
            for (int breakdown : PROMPT_BREAKDOWNS) {
                long executions = storedBuckets(prompt).stream()
                        .filter(b -> b.window() == window && b.breakdown() == breakdown).mapToLong(StoredBucket::executions).sum();
                assertEquals(records, executions, "every record counted once in " + window + ", breakdown " + breakdown);
            }
        }
    }

    /** A record the test wrote: its id (the order the rollups read in) and its execution id (what feedback names). */
    private record Written(long id, String executionId) {
    }

    /** An execution as stored: what its buckets must count. */
    private record StoredRecord(Instant timestamp, String version, String model, String domain, Integer feedback) {
    }

    /** A rollup bucket of one prompt as stored; "" in version, model or domain: any. */
    private record StoredBucket(Window window, int breakdown, Instant start, String version, String model, String domain,
                                long executions, long feedbackCount, long feedbackSum) {

        boolean counts(StoredRecord r) {
            // Every record has a domain here, so "" can only mean "any domain".
            return window.floor(r.timestamp()).equals(start) && matches(version, r.version()) && matches(model, r.model())
                    && matches(domain, r.domain());
        }

        private static boolean matches(String bucketValue, String recordValue) {
            return bucketValue.isEmpty() || bucketValue.equals(recordValue);
        }
    }

    private static Execution.Fields record(String prompt, Instant timestamp, Random random) {
        Execution.Fields f = new Execution.Fields();
        // A whole UUID: 8 hex digits (32 bits) met an earlier test's id once among the suite's ~100,000 records.
        f.executionId = "exec-" + UUID.randomUUID();
        f.promptId = prompt;
        f.version = VERSIONS[random.nextInt(VERSIONS.length)];
        f.model = MODELS[random.nextInt(MODELS.length)];
        f.domain = DOMAINS[random.nextInt(DOMAINS.length)];
        f.timestamp = timestamp;
        f.latencyMs = 100.0 + random.nextInt(900);
        f.success = true;
        f.userFeedback = random.nextBoolean() ? 1 + random.nextInt(5) : null;
        f.privacyMode = PrivacyMode.RAW;
        f.receivedAt = Instant.now();
        return f;
    }

    /** Reads as a rollup window does: the records after its position in id order, then moves the position to the last. */
    private List<Long> follow(long start, AtomicBoolean writing, AtomicInteger passesWhileWriting) throws SQLException {
        List<Long> read = new ArrayList<>();
        long position = start;
        try (Connection c = database().getConnection();
             PreparedStatement next = c.prepareStatement("SELECT id FROM execution WHERE id > ? ORDER BY id")) {
            boolean last;
            do {
                last = !writing.get(); // one more pass once every write has returned
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

    /** The prompt's records after {@code id}, in id order. */
    private List<Written> writtenAfter(String prompt, long id) throws SQLException {
        List<Written> found = new ArrayList<>();
        try (Connection c = database().getConnection();
             PreparedStatement select = c.prepareStatement(
                     "SELECT id, execution_id FROM execution WHERE prompt_id = ? AND id > ? ORDER BY id")) {
            select.setString(1, prompt);
            select.setLong(2, id);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    found.add(new Written(rs.getLong(1), rs.getString(2)));
                }
            }
        }
        return found;
    }

    /** The index of the first record after {@code position} (the size when there is none). */
    private static int firstAfter(List<Written> written, long position) {
        int low = 0;
        int high = written.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (written.get(middle).id() <= position) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private long newestId() throws SQLException {
        try (Connection c = database().getConnection();
             PreparedStatement select = c.prepareStatement("SELECT MAX(id) FROM execution");
             ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private List<Long> idsAfter(long start) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection c = database().getConnection();
             PreparedStatement select = c.prepareStatement("SELECT id FROM execution WHERE id > ? ORDER BY id")) {
            select.setLong(1, start);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    private List<StoredRecord> storedRecords(String prompt) throws SQLException {
        List<StoredRecord> stored = new ArrayList<>();
        try (Connection c = database().getConnection();
             PreparedStatement select = c.prepareStatement(
                     "SELECT ts, version, model, domain, user_feedback FROM execution WHERE prompt_id = ?")) {
            select.setString(1, prompt);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    int score = rs.getInt(5);
                    Integer feedback = rs.wasNull() ? null : score;
                    stored.add(new StoredRecord(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), rs.getString(4), feedback));
                }
            }
        }
        return stored;
    }

    private List<StoredBucket> storedBuckets(String prompt) throws SQLException {
        List<StoredBucket> stored = new ArrayList<>();
        try (Connection c = database().getConnection();
             PreparedStatement select = c.prepareStatement("SELECT window_minutes, breakdown, bucket_start, version, model, domain,"
                     + " executions, feedback_count, feedback_sum FROM rollup_bucket WHERE prompt_id = ?")) {
            select.setString(1, prompt);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    stored.add(new StoredBucket(Window.ofMinutes(rs.getInt(1)), rs.getShort(2), rs.getTimestamp(3).toInstant(),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getLong(7), rs.getLong(8), rs.getLong(9)));
                }
            }
        }
        return stored;
    }

    private static DataSource database() {
        return lookup("jdbc/promptwatch");
    }

    /** Threads with the server's context (naming, transactions), as the beans expect of their callers. */
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

    /** The task's result; its failure as the test's (a deadlock ended by Derby shows here), a hang as a timeout. */
    private static <T> T await(Future<T> task) throws InterruptedException {
        try {
            return task.get(120, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("a concurrent task failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("a concurrent task did not finish within 120 s (a hang?)", e);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
