package io.promptwatch.reliability;

import static io.promptwatch.reliability.Findings.n;
import static io.promptwatch.reliability.Findings.progress;
import static io.promptwatch.reliability.Findings.s;

import io.promptwatch.bench.RecordGenerator;
import io.promptwatch.it.Api;
import io.promptwatch.it.Server;
import java.sql.Connection;
import java.time.Duration;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * The database outage under load: {@link RecordStream} ingests without pause; after
 * {@code leadSeconds} the database is shut down and locked away ({@link Server#takeDatabaseAway})
 * and kept away {@code outageSeconds} past the breaker's opening, then released, with nothing
 * done on the server's side. While it is away every 5xx must be 503 problem+json with
 * Retry-After, the breaker must open (answers saying so) and readiness must be DOWN; after it
 * returns the breaker must close by itself (ingest acknowledged again) and readiness be UP. At
 * the end every record the stream began is sent again: each acknowledged one must come back
 * {@code duplicate}; one answered 503 must come back {@code accepted} (nothing of a refused request is stored).
 */
final class OutageRun {

    static final String NAME = "outage";
    private static final int PROMPTS = 5;
    /** A client's pause after a failed request: far below Retry-After, so the breaker's closing is seen at once. */
    private static final long BACK_OFF_MS = 200;
    /** Ingest after the recovery, to see it go on. */
    private static final int TAIL_SECONDS = 10;
    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(120);

    private final long seed;
    private final int clients;
    private final int leadSeconds;
    private final int outageSeconds;
    private final Findings findings;

    private final AtomicLong awayAt = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong backAt = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong firstFailure = new AtomicLong();
    private final AtomicLong breakerOpen = new AtomicLong();
    private final AtomicLong firstAcknowledgedAfter = new AtomicLong();
    private final AtomicLong failuresBefore = new AtomicLong();
    private final AtomicLong acknowledgedDuring = new AtomicLong();
    private final AtomicLong readinessDown = new AtomicLong();
    private final AtomicLong readinessUp = new AtomicLong();

    OutageRun(long seed, int clients, int leadSeconds, int outageSeconds, Findings findings) {
        this.seed = seed;
        this.clients = clients;
        this.leadSeconds = leadSeconds;
        this.outageSeconds = outageSeconds;
        this.findings = findings;
    }

    void run() throws Exception {
        List<String> prompts = IntStream.range(0, PROMPTS).mapToObj(i -> Api.unique("outage")).toList();
        // One record "in the span": every record is timed as it is sent, up to 5 minutes late.
        RecordGenerator generator = new RecordGenerator(seed, prompts, 1);
        generator.register(Api.as(Api.newKey("operator")));
        Api ingest = Keys.unlimited("ingest");
        Map<String, Double> breakerBefore = breakerMetrics();
        Thread readiness = new Thread(this::watchReadiness, "readiness-watch");
        readiness.setDaemon(true);
        readiness.start();
        RecordStream stream = new RecordStream(generator, ingest, Integer.MAX_VALUE, clients, BACK_OFF_MS, this::observe).start();
        Thread.sleep(leadSeconds * 1000L);
        long acknowledgedBefore = stream.acknowledged();

        progress("taking the database away after %d s of ingest (%,d records acknowledged)", leadSeconds, acknowledgedBefore);
        awayAt.set(System.nanoTime());
        Connection held = Server.takeDatabaseAway();
        try {
            Server.await(Duration.ofSeconds(60), "the breaker opens", () -> breakerOpen.get() != 0);
            Thread.sleep(outageSeconds * 1000L);
        } finally {
            backAt.set(System.nanoTime());
            Server.releaseDatabase(held);
        }
        progress("database back; waiting for ingest and readiness");
        boolean recovered = awaitQuietly(() -> firstAcknowledgedAfter.get() != 0 && readinessUp.get() != 0);
        long acknowledgedAtRecovery = stream.acknowledged();
        Thread.sleep(TAIL_SECONDS * 1000L);
        stream.stop();
        stream.await();
        readiness.interrupt();
        long acknowledgedAfter = stream.acknowledged() - acknowledgedAtRecovery;
        Map<String, Double> breakerAfter = breakerMetrics();

        findings.add(NAME, "Stream", PROMPTS + " prompts, " + clients + " clients as in the crash run, " + BACK_OFF_MS
                + " ms pause after a failed request; " + leadSeconds + " s of ingest before, database away " + outageSeconds
                + " s past the breaker's opening, " + TAIL_SECONDS + " s after the recovery; seed " + seed);
        findings.add(NAME, "Requests tried / answered 5xx / no answer", n(stream.requests()) + " / " + n(stream.status5xx())
                + " / " + n(stream.noAnswer()) + " (answers by status " + stream.statuses() + ")");
        findings.check(NAME, "Failed requests before the outage", failuresBefore.get() == 0, n(failuresBefore.get()));
        long refusedRecords = stream.with(RecordStream.Outcome.REFUSED).cardinality() + stream.with(RecordStream.Outcome.REJECTED).cardinality();
        findings.check(NAME, "Records refused (4xx) or rejected", refusedRecords == 0, n(refusedRecords));
        findings.check(NAME, "5xx answers that are not 503 problem+json with Retry-After", stream.malformedUnavailable() == 0,
                n(stream.malformedUnavailable()));
        findings.check(NAME, "Breaker open (first answer saying so), after the database was taken away",
                breakerOpen.get() != 0, since(awayAt, breakerOpen) + " (first failed request at " + since(awayAt, firstFailure) + ")");
        findings.add(NAME, "Breaker on /metrics (Fault Tolerance): openings / seconds open / half-open", String.format(Locale.ROOT,
                "%.0f / %.1f / %.1f", growth(breakerBefore, breakerAfter, "opened_total"),
                growth(breakerBefore, breakerAfter, "state_total", "state=\"open\""),
                growth(breakerBefore, breakerAfter, "state_total", "state=\"halfOpen\"")));
        findings.check(NAME, "Readiness DOWN, after the database was taken away", readinessDown.get() != 0, since(awayAt, readinessDown));
        findings.check(NAME, "Acknowledged while the database was away", acknowledgedDuring.get() == 0, n(acknowledgedDuring.get()));
        findings.check(NAME, "Breaker closed by itself (first record acknowledged), after the database came back",
                recovered && firstAcknowledgedAfter.get() != 0, since(backAt, firstAcknowledgedAfter));
        findings.check(NAME, "Readiness UP again, after the database came back", recovered && readinessUp.get() != 0,
                since(backAt, readinessUp));
        findings.check(NAME, "Ingest goes on: records acknowledged in the " + TAIL_SECONDS + " s after the recovery",
                acknowledgedAfter > 0, n(acknowledgedAfter));

        long begun = stream.recordsBegun();
        progress("re-sending the %,d records begun", begun);
        RecordStream resend = new RecordStream(generator, ingest, begun, clients, 0, reply -> { }).sendAll();
        BitSet acknowledged = stream.acknowledgedIndexes();
        BitSet lost = (BitSet) acknowledged.clone();
        lost.andNot(resend.with(RecordStream.Outcome.DUPLICATE));
        BitSet refusedButStored = stream.with(RecordStream.Outcome.UNAVAILABLE);
        long refused = refusedButStored.cardinality();
        refusedButStored.and(resend.with(RecordStream.Outcome.DUPLICATE));
        findings.check(NAME, "Acknowledged / found on re-send (duplicate)", lost.isEmpty(),
                n(acknowledged.cardinality()) + " / " + n(acknowledged.cardinality() - lost.cardinality()));
        findings.check(NAME, "Answered 503 / stored all the same", refusedButStored.isEmpty(),
                n(refused) + " / " + n(refusedButStored.cardinality()));
    }

    private void observe(Api.Reply reply) {
        long now = System.nanoTime();
        boolean failed = reply == null || reply.status() >= 500;
        if (now < awayAt.get()) {
            if (failed) {
                failuresBefore.incrementAndGet();
            }
            return;
        }
        if (failed) {
            firstFailure.compareAndSet(0, now);
            if (reply != null && reply.status() == 503 && reply.body().contains("circuit breaker is open")) {
                breakerOpen.compareAndSet(0, now);
            }
        } else if (reply.status() < 300) {
            if (now > backAt.get()) {
                firstAcknowledgedAfter.compareAndSet(0, now);
            } else if (breakerOpen.get() != 0) {
                acknowledgedDuring.incrementAndGet();
            }
        }
    }

    /** Polls readiness every 200 ms: the first DOWN after the database went away, the first UP after it came back. */
    private void watchReadiness() {
        while (!Thread.currentThread().isInterrupted()) {
            int status;
            try {
                status = Api.anonymous().get("/health/ready").status();
            } catch (IllegalStateException noAnswer) {
                status = -1;
            }
            long now = System.nanoTime();
            if (status == 503 && now > awayAt.get()) {
                readinessDown.compareAndSet(0, now);
            } else if (status == 200 && now > backAt.get()) {
                readinessUp.compareAndSet(0, now);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * The guarded ingest's breaker figures of MicroProfile Fault Tolerance on /metrics, by metric
     * name and tags (Payara lists each line twice: the first counts): openings, seconds per state.
     */
    private static Map<String, Double> breakerMetrics() {
        Map<String, Double> metrics = new HashMap<>();
        Api.metrics().body().lines()
                .filter(l -> l.startsWith("ft_circuitbreaker_") && l.contains("GuardedIngest"))
                .forEach(l -> metrics.putIfAbsent(l.substring(0, l.lastIndexOf(' ')), Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))));
        return metrics;
    }

    /** How much a breaker figure (the first whose name and tags contain all {@code parts}) grew between two readings. */
    private static double growth(Map<String, Double> before, Map<String, Double> after, String... parts) {
        return after.entrySet().stream().filter(m -> Arrays.stream(parts).allMatch(m.getKey()::contains)).findFirst()
                .map(m -> m.getValue() - before.getOrDefault(m.getKey(), 0.0)).orElse(Double.NaN);
    }

    private static boolean awaitQuietly(java.util.function.BooleanSupplier condition) {
        try {
            Server.await(RECOVERY_LIMIT, "recovery", condition);
            return true;
        } catch (AssertionError notInTime) {
            return false;
        }
    }

    private static String since(AtomicLong from, AtomicLong to) {
        return to.get() == 0 ? "never" : "+" + s((to.get() - from.get()) / 1e9);
    }
}
