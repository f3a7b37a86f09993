package io.promptwatch.bench;

import static io.promptwatch.bench.JdbcCeiling.megabytes;
import static java.time.temporal.ChronoUnit.DAYS;

import io.promptwatch.it.Api;
import io.promptwatch.it.Server;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Benchmark of ingest and of the metrics read from the rollups (not a test: it asserts no timing).
 * On one machine, in one run: the JDBC ceiling ({@link JdbcCeiling}, {@code bench.ceiling-records}
 * records into a scratch database of the server's schema); batch ingest over HTTP of
 * {@code bench.records} of the same records ({@link RecordGenerator}: 20 hash-mode prompts × 3
 * versions × 5 models) from {@code bench.threads} clients in batches of 1,000; single-record ingest
 * at a steady {@code bench.single-rate} requests/s for {@code bench.single-seconds} s, open loop
 * (latency counted from each request's scheduled start), once while the rollups catch up with the
 * batch ingest and once after they have (the server's steady state, measured after
 * {@code bench.single-warmup-seconds} s of the same load, unmeasured, so that the JIT has compiled the
 * single-record path, which batch ingest does not run); the time until the rollups
 * have read every record; then four metrics queries, 3 warm-up and {@code bench.calls} measured calls each; the
 * server's resident memory, heap and database size; and the JDBC ceiling once more, with the server
 * idle, beside the first (the ratio is given against both). Sizes are in MB of 2^20 bytes. Prints a table
 * and writes {@code target/benchmark-results.json}.
 * On PostgreSQL ({@code -Dbench.db=postgresql}) the ceilings are a scratch database on the same
 * PostgreSQL, with a COPY ceiling beside the JDBC one, and PostgreSQL's own memory is reported
 * ({@link BenchDatabase}); results in {@code target/benchmark-results-postgresql.json}.
 * Run: {@code ./mvnw -B verify -Pbenchmark -Dbench.only=ingest} (see README "Performance").
 */
@ExtendWith(ArquillianExtension.class)
@EnabledIfSystemProperty(named = "bench.only", matches = "all|ingest")
class IngestBenchmark {

    private static final long RECORDS = Long.getLong("bench.records", 200_000);
    private static final long CEILING_RECORDS = Long.getLong("bench.ceiling-records", 200_000);
    private static final int THREADS = Integer.getInteger("bench.threads", 4);
    private static final int SINGLE_RATE = Integer.getInteger("bench.single-rate", 200);
    private static final int SINGLE_SECONDS = Integer.getInteger("bench.single-seconds", 20);
    private static final int SINGLE_WARMUP_SECONDS = Integer.getInteger("bench.single-warmup-seconds", 30);
    private static final int ROLLUP_TIMEOUT_SECONDS = Integer.getInteger("bench.rollup-timeout-seconds", 1800);
    private static final int CALLS = Integer.getInteger("bench.calls", 50);
    private static final long SEED = Long.getLong("bench.seed", 42);
    private static final int PROMPTS = 20;
    private static final int BATCH = 1000;
    /** Batches built ahead of each timed round (about 130 MB of request bodies). */
    private static final int ROUND_BATCHES = 200;
    /** Enough senders that a slow answer never delays the next scheduled request. */
    private static final int SINGLE_SENDERS = 64;
    private static final Path RESULTS = Path.of(BenchDatabase.POSTGRES
            ? "target/benchmark-results-postgresql.json" : "target/benchmark-results.json");
    /** The JVM's used heap in the server's Prometheus output (MicroProfile Metrics 5 and earlier names). */
    private static final Pattern USED_HEAP = Pattern.compile(
            "^(?:base_)?memory_usedHeap_bytes(?:\\{[^}]*})?\\s+(\\S+)", Pattern.MULTILINE);
    private static final JsonProvider JSON = JsonProvider.provider();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Api.ear();
    }

    @Test
    void run() throws Exception {
        if (SINGLE_SECONDS < 1 || SINGLE_WARMUP_SECONDS < 1 || SINGLE_RATE < 1) { // fail now, not after an hour of ingest
            throw new IllegalArgumentException("bench.single-rate, bench.single-seconds and bench.single-warmup-seconds"
                    + " must be at least 1; got " + SINGLE_RATE + ", " + SINGLE_SECONDS + ", " + SINGLE_WARMUP_SECONDS);
        }
        Api admin = Api.admin();
        Calls.awaitRollups(admin, ROLLUP_TIMEOUT_SECONDS); // records of an earlier benchmark must not compete for the CPU
        List<String> prompts = IntStream.range(0, PROMPTS).mapToObj(i -> Api.unique("ingest-bench")).toList();
        RecordGenerator generator = new RecordGenerator(SEED, prompts, RECORDS);

        JdbcCeiling.Result ceiling = BenchDatabase.jdbcCeiling(generator, CEILING_RECORDS);
        System.out.printf("[progress] JDBC ceiling %.0f records/s%n", ceiling.recordsPerSec());
        JdbcCeiling.Result copyCeiling = BenchDatabase.POSTGRES ? BenchDatabase.copyCeiling(generator, CEILING_RECORDS) : null;
        if (copyCeiling != null) {
            System.out.printf("[progress] COPY ceiling %.0f records/s%n", copyCeiling.recordsPerSec());
        }

        generator.register(Api.as(Api.newKey("operator")));
        Api ingest = Api.as(Api.newKey("ingest"));
        long bytesBefore = BenchDatabase.bytes();
        Sent sent = batchIngest(ingest, generator);
        long accepted = sent.accepted();
        double ingestRate = accepted / sent.seconds();
        System.out.printf("[progress] HTTP batch ingest %.0f records/s (%d accepted)%n", ingestRate, accepted);
        Latencies catchingUp = singleIngest(ingest, generator, RECORDS, SINGLE_SECONDS);
        System.out.printf("[progress] single ingest while the rollups catch up: p50 %.1f ms, p99 %.1f ms%n",
                catchingUp.percentile(50), catchingUp.percentile(99));
        double drainSeconds = Calls.awaitRollups(admin, ROLLUP_TIMEOUT_SECONDS);
        System.out.printf("[progress] rollups caught up after %.0f s%n", drainSeconds);
        long next = RECORDS + catchingUp.sortedMs().length;
        Latencies warmUp = singleIngest(ingest, generator, next, SINGLE_WARMUP_SECONDS);
        System.out.printf("[progress] single ingest warm-up: p50 %.1f ms, p99 %.1f ms%n",
                warmUp.percentile(50), warmUp.percentile(99));
        next += warmUp.sortedMs().length;
        Latencies single = singleIngest(ingest, generator, next, SINGLE_SECONDS);
        System.out.printf("[progress] single ingest p50 %.1f ms, p99 %.1f ms%n", single.percentile(50), single.percentile(99));
        long stored = accepted + catchingUp.sortedMs().length + warmUp.sortedMs().length + single.sortedMs().length;
        Calls.awaitRollups(admin, ROLLUP_TIMEOUT_SECONDS);

        Map<String, Latencies> queries = queries(Api.as(Api.newKey("viewer")), prompts);
        JsonObjectBuilder queryFigures = JSON.createObjectBuilder();
        double worstP95 = 0;
        for (Map.Entry<String, Latencies> query : queries.entrySet()) {
            Latencies ms = query.getValue();
            queryFigures.add(query.getKey(), JSON.createObjectBuilder()
                    .add("p50Ms", round(ms.percentile(50), 1)).add("p95Ms", round(ms.percentile(95), 1))
                    .add("slowestMs", slowest(ms, 5)));
            worstP95 = Math.max(worstP95, ms.percentile(95));
        }
        long pid = Server.pid();
        double rssMb = Server.rssMb();
        double heapUsedMb = heapUsedMb(pid);
        double dbMb = megabytes(BenchDatabase.bytes() - bytesBefore);
        double postgresPssMb = BenchDatabase.POSTGRES ? BenchDatabase.postgresPssMb() : 0;
        // The ceiling once more, the server idle: it commits every 500 records, so it follows the disk's
        // flush latency, which on this machine changes by a quarter from one hour to the next.
        JdbcCeiling.Result ceilingAfter = BenchDatabase.jdbcCeiling(generator, CEILING_RECORDS);
        System.out.printf("[progress] JDBC ceiling again at the end %.0f records/s%n", ceilingAfter.recordsPerSec());
        JsonObjectBuilder figures = JSON.createObjectBuilder()
                .add("database", Server.DATABASE_KIND)
                .add("jdbcCeilingRecordsPerSec", Math.round(ceiling.recordsPerSec()))
                .add("ingestRecordsPerSec", Math.round(ingestRate))
                .add("ingestToCeilingRatio", round(ingestRate / ceiling.recordsPerSec(), 3))
                .add("jdbcCeilingAfterRecordsPerSec", Math.round(ceilingAfter.recordsPerSec()))
                .add("ingestToCeilingAfterRatio", round(ingestRate / ceilingAfter.recordsPerSec(), 3))
                .add("singleIngestP50Ms", round(single.percentile(50), 1))
                .add("singleIngestP99Ms", round(single.percentile(99), 1))
                .add("singleIngestCatchingUpP50Ms", round(catchingUp.percentile(50), 1))
                .add("singleIngestCatchingUpP99Ms", round(catchingUp.percentile(99), 1))
                .add("singleIngestWarmUpP50Ms", round(warmUp.percentile(50), 1))
                .add("singleIngestWarmUpP99Ms", round(warmUp.percentile(99), 1))
                .add("metricsQueryP95Ms", round(worstP95, 1))
                .add("queries", queryFigures)
                .add("rollupDrainSeconds", round(drainSeconds, 1))
                .add("recordsStored", stored)
                .add("serverRssMb", round(rssMb, 0))
                .add("serverHeapUsedMb", round(heapUsedMb, 0))
                .add("dbMbPerMillionRecords", round(dbMb / (stored / 1e6), 0))
                .add("ceilingDbMbPerMillionRecords", round(ceiling.mbPerMillionRecords(), 0))
                .add("machine", JSON.createObjectBuilder()
                        .add("cores", Runtime.getRuntime().availableProcessors())
                        .add("date", LocalDate.now().toString())
                        .add("java", System.getProperty("java.version"))
                        .add("os", System.getProperty("os.name") + " " + System.getProperty("os.arch")))
                .add("parameters", JSON.createObjectBuilder()
                        .add("records", RECORDS).add("ceilingRecords", CEILING_RECORDS).add("threads", THREADS)
                        .add("batch", BATCH).add("ceilingBatch", JdbcCeiling.BATCH).add("singleRate", SINGLE_RATE)
                        .add("singleSeconds", SINGLE_SECONDS).add("singleWarmUpSeconds", SINGLE_WARMUP_SECONDS)
                        .add("calls", CALLS)
                        .add("rollupTimeoutSeconds", ROLLUP_TIMEOUT_SECONDS).add("seed", SEED).add("prompts", PROMPTS)
                        .add("versions", RecordGenerator.VERSIONS.size()));
        if (copyCeiling != null) {
            figures.add("copyCeilingRecordsPerSec", Math.round(copyCeiling.recordsPerSec()))
                    .add("ingestToCopyCeilingRatio", round(ingestRate / copyCeiling.recordsPerSec(), 3))
                    .add("postgresPssMb", round(postgresPssMb, 0));
        }
        JsonObject results = figures.build();
        System.out.println(table(results));
        try (Writer out = Files.newBufferedWriter(RESULTS, StandardCharsets.UTF_8)) {
            JSON.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(out).write(results);
        }
    }

    /** Sends records {@code 0..RECORDS-1} in batches from {@code THREADS} clients; returns how many were accepted. */
    /** Accepted records and the seconds spent sending them. */
    private record Sent(long accepted, double seconds) {
    }

    /**
     * Sends the records in rounds: each round's request bodies are built first (not timed, as the
     * ceiling's records are not: the clients share the server's two cores), then sent by all
     * clients at once (timed).
     */
    private static Sent batchIngest(Api ingest, RecordGenerator generator) throws Exception {
        long batches = (RECORDS + BATCH - 1) / BATCH;
        ExecutorService clients = Executors.newFixedThreadPool(THREADS);
        long accepted = 0;
        double seconds = 0;
        try {
            for (long first = 0; first < batches; first += ROUND_BATCHES) {
                List<String> bodies = new ArrayList<>();
                for (long b = first; b < Math.min(batches, first + ROUND_BATCHES); b++) {
                    bodies.add(generator.batch(b * BATCH, (int) Math.min(BATCH, RECORDS - b * BATCH)));
                }
                AtomicLong next = new AtomicLong();
                long start = System.nanoTime();
                List<Future<Long>> clientsAccepted = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    clientsAccepted.add(clients.submit(() -> {
                        long own = 0;
                        for (long i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
                            own += accepted(Calls.ok(ingest.post("/api/v1/executions/batch", bodies.get((int) i))));
                        }
                        return own;
                    }));
                }
                for (Future<Long> client : clientsAccepted) {
                    accepted += client.get();
                }
                seconds += (System.nanoTime() - start) / 1e9;
            }
            return new Sent(accepted, seconds);
        } finally {
            clients.shutdownNow();
        }
    }

    /** The records a batch answer accepts; a record with any other status ends the benchmark. */
    private static long accepted(Api.Reply reply) {
        JsonArray results = reply.array();
        for (JsonValue result : results) {
            if (!"accepted".equals(result.asJsonObject().getString("status"))) {
                throw new IllegalStateException("a record was not accepted: " + result);
            }
        }
        return results.size();
    }

    /**
     * Sends one record per request at a fixed rate, whatever the answers' latency (open loop), and
     * returns each request's latency from its scheduled start, so that queueing behind a slow
     * answer counts.
     */
    private static Latencies singleIngest(Api ingest, RecordGenerator generator, long firstIndex, int seconds)
            throws Exception {
        int count = SINGLE_RATE * seconds;
        List<String> bodies = LongStream.range(firstIndex, firstIndex + count)
                .mapToObj(i -> generator.record(i).json().toString()).toList();
        long interval = TimeUnit.SECONDS.toNanos(1) / SINGLE_RATE;
        double[] ms = new double[count];
        ExecutorService senders = Executors.newFixedThreadPool(SINGLE_SENDERS);
        try {
            List<Future<?>> sent = new ArrayList<>(count);
            long first = System.nanoTime();
            for (int i = 0; i < count; i++) {
                int n = i;
                long due = first + i * interval;
                while (System.nanoTime() < due) {
                    LockSupport.parkNanos(due - System.nanoTime());
                }
                sent.add(senders.submit(() -> {
                    Api.Reply reply = ingest.post("/api/v1/executions", bodies.get(n));
                    ms[n] = (System.nanoTime() - due) / 1e6;
                    if (reply.status() != 201) {
                        throw new IllegalStateException("a single record was not accepted: " + reply);
                    }
                }));
            }
            for (Future<?> request : sent) {
                request.get();
            }
        } finally {
            senders.shutdownNow();
        }
        return Latencies.of(ms);
    }

    /**
     * Times the metrics queries, each call on the next prompt. The models table over the 7 days that
     * ended an hour ago reads every hour at the range's ends (its end is before now, so the week bucket
     * since Monday cannot answer for it): about 31 buckets per series, as the 7 days up to now read
     * before that bucket answered for them, and more than they read now at the worst hour of the week
     * (30, Mondays 01:00-02:00 UTC).
     */
    private static Map<String, Latencies> queries(Api viewer, List<String> prompts) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        IntFunction<String> prompt = i -> prompts.get(i % prompts.size());
        Map<String, Latencies> timings = new LinkedHashMap<>();
        timings.put("promptMetrics5m24h", Calls.time(CALLS, i -> viewer.get(
                "/api/v1/metrics?promptId=" + prompt.apply(i) + "&window=5m&from=" + now.minus(1, DAYS) + "&to=" + now)));
        timings.put("promptSummary7d", Calls.time(CALLS, i -> viewer.get(
                "/api/v1/prompts/" + prompt.apply(i) + "/summary?period=7d")));
        timings.put("models7d", Calls.time(CALLS, i -> viewer.get(
                "/api/v1/metrics/models?from=" + now.minus(7, DAYS) + "&to=" + now)));
        Instant hourAgo = now.minus(1, ChronoUnit.HOURS);
        timings.put("models7dEndedAnHourAgo", Calls.time(CALLS, i -> viewer.get(
                "/api/v1/metrics/models?from=" + hourAgo.minus(7, DAYS) + "&to=" + hourAgo)));
        return timings;
    }

    /** The server's used heap from its /metrics, else from {@code jcmd GC.heap_info} (G1: the heap's total line). */
    private static double heapUsedMb(long pid) throws IOException, InterruptedException {
        Matcher metric = USED_HEAP.matcher(Calls.ok(Api.metrics()).body());
        if (metric.find()) {
            return megabytes(Double.parseDouble(metric.group(1)));
        }
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid), "GC.heap_info").redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        jcmd.waitFor();
        Matcher used = Pattern.compile("used (\\d+)K").matcher(output);
        if (!used.find()) {
            throw new IllegalStateException("no used heap in /metrics nor in jcmd GC.heap_info: " + output);
        }
        return Long.parseLong(used.group(1)) / 1024.0;
    }

    private static String table(JsonObject r) {
        JsonObject machine = r.getJsonObject("machine");
        StringBuilder table = new StringBuilder(String.format("%nIngest benchmark on %s, %s, %d cores, Java %s%n",
                r.getString("database"), machine.getString("date"), machine.getInt("cores"), machine.getString("java")));
        String row = "%-48s %s%n";
        table.append(String.format(row, "JDBC ceiling, " + JdbcCeiling.BATCH + "-record batches", String.format(
                "%,.0f records/s, %,.0f MB per million records", n(r, "jdbcCeilingRecordsPerSec"), n(r, "ceilingDbMbPerMillionRecords"))));
        if (r.containsKey("copyCeilingRecordsPerSec")) {
            table.append(String.format(row, "COPY ceiling, " + JdbcCeiling.BATCH + "-record batches", String.format(
                    "%,.0f records/s", n(r, "copyCeilingRecordsPerSec"))));
        }
        table.append(String.format(row, "HTTP batch ingest, " + THREADS + " clients, " + BATCH + "-record batches", String.format(
                "%,.0f records/s, %.3f of the ceiling", n(r, "ingestRecordsPerSec"), n(r, "ingestToCeilingRatio"))));
        if (r.containsKey("ingestToCopyCeilingRatio")) {
            table.append(String.format(row, "... against the COPY ceiling", String.format("%.3f", n(r, "ingestToCopyCeilingRatio"))));
        }
        table.append(String.format(row, "... against the ceiling measured again at the end", String.format(
                "%.3f (%,.0f records/s)", n(r, "ingestToCeilingAfterRatio"), n(r, "jdbcCeilingAfterRecordsPerSec"))));
        table.append(String.format(row, "Single ingest, " + SINGLE_RATE + "/s for " + SINGLE_SECONDS + " s", String.format(
                "p50 %.1f ms, p99 %.1f ms", n(r, "singleIngestP50Ms"), n(r, "singleIngestP99Ms"))));
        table.append(String.format(row, "... while the rollups catch up", String.format(
                "p50 %.1f ms, p99 %.1f ms", n(r, "singleIngestCatchingUpP50Ms"), n(r, "singleIngestCatchingUpP99Ms"))));
        table.append(String.format(row, "... warm-up of " + SINGLE_WARMUP_SECONDS + " s before the steady state", String.format(
                "p50 %.1f ms, p99 %.1f ms", n(r, "singleIngestWarmUpP50Ms"), n(r, "singleIngestWarmUpP99Ms"))));
        table.append(String.format(row, "Rollups caught up", String.format(
                "%.1f s after the last record", n(r, "rollupDrainSeconds"))));
        r.getJsonObject("queries").forEach((name, ms) -> table.append(String.format(row, "Query " + name + ", " + CALLS + " calls",
                String.format("p50 %.1f ms, p95 %.1f ms, slowest five %s ms", n(ms.asJsonObject(), "p50Ms"), n(ms.asJsonObject(), "p95Ms"),
                        ms.asJsonObject().getJsonArray("slowestMs")))));
        table.append(String.format(row, "Server database", String.format(
                "%,.0f records, %,.0f MB per million records", n(r, "recordsStored"), n(r, "dbMbPerMillionRecords"))));
        table.append(String.format(row, "Server memory", String.format(
                "RSS %,.0f MB, heap used %,.0f MB", n(r, "serverRssMb"), n(r, "serverHeapUsedMb"))));
        if (r.containsKey("postgresPssMb")) {
            table.append(String.format(row, "PostgreSQL's processes", String.format("PSS %,.0f MB", n(r, "postgresPssMb"))));
        }
        return table.toString();
    }

    private static double n(JsonObject figures, String key) {
        return figures.getJsonNumber(key).doubleValue();
    }

    /** The {@code count} slowest calls, fastest first: what a p95 of 50 calls stands on. */
    private static JsonArrayBuilder slowest(Latencies ms, int count) {
        double[] sorted = ms.sortedMs();
        return JSON.createArrayBuilder(Arrays.stream(sorted).skip(Math.max(0, sorted.length - count))
                .map(v -> round(v, 1)).boxed().toList());
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
