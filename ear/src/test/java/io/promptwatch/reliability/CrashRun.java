package io.promptwatch.reliability;

import static io.promptwatch.reliability.Findings.n;
import static io.promptwatch.reliability.Findings.progress;
import static io.promptwatch.reliability.Findings.s;

import io.promptwatch.bench.Calls;
import io.promptwatch.bench.RecordGenerator;
import io.promptwatch.it.Api;
import io.promptwatch.it.Server;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * The crash: while {@link RecordStream} sends {@code records} records, the server gets SIGKILL at
 * a moment drawn from the seed (once a drawn number of records is acknowledged, plus a drawn
 * delay under a second). After the restart the database files are read directly
 * ({@link StoredRecords}): every acknowledged record must be there exactly once, and what is there
 * unacknowledged must be among the requests that got no answer or a 5xx. Then the whole stream is
 * sent again: a record found in the files must come back {@code duplicate}, any other
 * {@code accepted}. Once the rollups have caught up, the metrics API's all-time executions per
 * prompt and version must equal the records.
 */
final class CrashRun {

    static final String NAME = "crash";
    private static final int PROMPTS = 20;

    private final long records;
    private final long seed;
    private final int clients;
    private final int rollupTimeoutSeconds;
    private final Findings findings;

    CrashRun(long records, long seed, int clients, int rollupTimeoutSeconds, Findings findings) {
        this.records = records;
        this.seed = seed;
        this.clients = clients;
        this.rollupTimeoutSeconds = rollupTimeoutSeconds;
        this.findings = findings;
    }

    void run() throws Exception {
        List<String> prompts = IntStream.range(0, PROMPTS).mapToObj(i -> Api.unique("crash")).toList();
        RecordGenerator generator = new RecordGenerator(seed, prompts, records);
        generator.register(Api.as(Api.newKey("operator")));
        Api ingest = Keys.unlimited("ingest");
        SplittableRandom draw = new SplittableRandom(seed);
        long killAfter = records / 20 + draw.nextLong(records * 9 / 10);
        long killDelayMs = draw.nextLong(1000);
        findings.add(NAME, "Stream", n(records) + " records of " + PROMPTS + " prompts × 3 versions, " + clients
                + " clients, 1,000-record batches (every 20th chunk record by record); seed " + seed);
        progress("kill once %,d records are acknowledged, %d ms later (seed %d)", killAfter, killDelayMs, seed);

        RecordStream stream = new RecordStream(generator, ingest, records, clients, 0, reply -> { }).start();
        long start = System.nanoTime();
        while (stream.acknowledged() < killAfter) {
            if (stream.finished()) {
                stream.await(); // a client's failure, if any, is the cause
                throw new IllegalStateException("the stream ended before the kill: " + stream.statuses());
            }
            Thread.sleep(2);
        }
        Thread.sleep(killDelayMs);
        stream.stop();
        Server.crash();
        double killedAt = (System.nanoTime() - start) / 1e9;
        double restartSeconds;
        try {
            stream.await();
        } finally {
            long restart = System.nanoTime();
            Server.start(Api.ADMIN_KEY, "/api/v1/prompts");
            restartSeconds = (System.nanoTime() - restart) / 1e9;
        }
        BitSet acknowledged = stream.acknowledgedIndexes();
        BitSet unanswered = stream.with(RecordStream.Outcome.NO_ANSWER);
        unanswered.or(stream.with(RecordStream.Outcome.UNAVAILABLE));
        progress("killed at %.1f s; %,d records acknowledged, %,d requests without an answer", killedAt,
                acknowledged.cardinality(), stream.noAnswer());
        findings.add(NAME, "SIGKILL", "at " + s(killedAt) + " into the stream, " + killDelayMs + " ms after the "
                + n(killAfter) + "th acknowledged record");
        findings.add(NAME, "Requests tried / answered 5xx / no answer", n(stream.requests()) + " / "
                + n(stream.status5xx()) + " / " + n(stream.noAnswer()) + " (answers by status " + stream.statuses() + ")");
        long otherwise = stream.with(RecordStream.Outcome.REFUSED).cardinality()
                + stream.with(RecordStream.Outcome.REJECTED).cardinality() + stream.with(RecordStream.Outcome.DUPLICATE).cardinality();
        findings.check(NAME, "Records refused (4xx), rejected or duplicate before the kill", otherwise == 0, n(otherwise));

        findings.add(NAME, "Restart after the kill, until the API answers", s(restartSeconds));
        // The files are read with the server stopped the orderly way: only Derby's recovery at the
        // restart above stands between the kill and what is read.
        Server.stop();
        StoredRecords stored;
        long reading = System.nanoTime();
        try {
            stored = StoredRecords.read(generator, records);
            findings.add(NAME, "Database files read with JDBC (server stopped), all records' ids looked up",
                    s((System.nanoTime() - reading) / 1e9));
        } finally {
            Server.start(Api.ADMIN_KEY, "/api/v1/prompts");
        }
        BitSet found = stored.present();
        BitSet lost = (BitSet) acknowledged.clone();
        lost.andNot(found);
        BitSet unacknowledged = (BitSet) found.clone();
        unacknowledged.andNot(acknowledged);
        BitSet unexplained = (BitSet) unacknowledged.clone();
        unexplained.andNot(unanswered);
        findings.check(NAME, "Acknowledged (2xx) before the kill / found after it", lost.isEmpty(),
                n(acknowledged.cardinality()) + " / " + n(acknowledged.cardinality() - lost.cardinality()));
        findings.check(NAME, "Records stored more than once", stored.storedTwice() == 0, n(stored.storedTwice()));
        findings.check(NAME, "Found though not acknowledged (all among requests without an answer or with a 5xx)",
                unexplained.isEmpty(), n(unacknowledged.cardinality()) + " (" + n(unexplained.cardinality()) + " not)");
        findings.check(NAME, "Stored records of the stream's prompts, counted by the database vs found by id",
                stored.perVersion().equals(stored.presentPerVersion()),
                n(sum(stored.perVersion())) + " vs " + n(found.cardinality()));

        progress("re-sending all %,d records", records);
        RecordStream resend = new RecordStream(generator, ingest, records, clients, 0, reply -> { }).sendAll();
        BitSet duplicates = resend.with(RecordStream.Outcome.DUPLICATE);
        BitSet accepted = resend.with(RecordStream.Outcome.ACCEPTED);
        BitSet notFound = new BitSet();
        notFound.set(0, Math.toIntExact(records));
        notFound.andNot(found);
        findings.check(NAME, "Re-send of the whole stream: duplicate (= found after the kill, acknowledged among them)",
                duplicates.equals(found), n(duplicates.cardinality()) + " (" + n(acknowledged.cardinality()) + ")");
        findings.check(NAME, "Re-send: accepted (= not found) / anything else", accepted.equals(notFound)
                        && duplicates.cardinality() + accepted.cardinality() == records,
                n(accepted.cardinality()) + " / " + n(records - duplicates.cardinality() - accepted.cardinality())
                        + " (requests " + n(resend.requests()) + ", 5xx " + n(resend.status5xx()) + ")");

        double caughtUp = Calls.awaitRollups(Api.admin(), rollupTimeoutSeconds);
        Map<String, Long> rolledUp = executionsPerVersion(Api.as(Api.newKey("viewer")), prompts);
        findings.check(NAME, "Rollups (metrics API, all-time executions per prompt/version) vs records",
                rolledUp.equals(stored.expectedPerVersion()),
                n(sum(rolledUp)) + " vs " + n(sum(stored.expectedPerVersion())) + " in " + rolledUp.size() + " vs "
                        + stored.expectedPerVersion().size() + " prompt versions; caught up " + s(caughtUp) + " after the re-send");
    }

    /**
     * Each prompt's executions per version over whole weeks around every record, so that the
     * answer is read from the 7-day buckets alone (kept a year) and counts every record once.
     */
    static Map<String, Long> executionsPerVersion(Api viewer, List<String> prompts) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String from = today.minusDays(14).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay(ZoneOffset.UTC).toInstant().toString();
        String to = today.with(TemporalAdjusters.next(DayOfWeek.MONDAY)).atStartOfDay(ZoneOffset.UTC).toInstant().toString();
        Map<String, Long> executions = new TreeMap<>();
        for (String prompt : prompts) {
            JsonObject table = Calls.ok(viewer.get("/api/v1/metrics/versions?promptId=" + prompt + "&from=" + from + "&to=" + to)).object();
            for (JsonValue row : table.getJsonArray("rows")) {
                executions.put(prompt + "/" + row.asJsonObject().getString("name"),
                        row.asJsonObject().getJsonObject("metrics").getJsonNumber("executions").longValue());
            }
        }
        return executions;
    }

    private static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
