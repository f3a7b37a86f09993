package io.promptwatch.reliability;

import static io.promptwatch.reliability.Findings.n;
import static io.promptwatch.reliability.Findings.progress;
import static java.time.temporal.ChronoUnit.DAYS;

import io.promptwatch.bench.Calls;
import io.promptwatch.bench.Latencies;
import io.promptwatch.bench.RecordGenerator;
import io.promptwatch.it.Api;
import io.promptwatch.it.Server;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The soak: a mixed load of what clients do (batches, single records, metrics queries, analyses,
 * registry reads, in fixed shares) first in a short closed-loop ramp of doubling client counts to
 * find the capacity ({@link #capacity}), then open loop at {@code load} of it for
 * {@code minutes}, each request's latency counted from its scheduled start. Every answer must be
 * the expected 2xx; per operation and minute p50 and p99 are kept, and the server's RSS each
 * minute. Timings are reported, not asserted: "stable" in the table means the last minute's p99
 * within twice the first minute's or {@value #STABLE_MARGIN_MS} ms above it.
 */
final class SoakRun {

    static final String NAME = "soak";

    /** What the load is made of, with each operation's share of {@value #CYCLE_LENGTH} requests. */
    enum Operation {
        BATCH(1, "batch of " + BATCH_RECORDS + " records"),
        SINGLE(8, "single record"),
        METRICS(4, "metrics query"),
        ANALYSIS(1, "analysis (compare)"),
        REGISTRY(6, "registry read");

        final int share;
        final String label;

        Operation(int share, String label) {
            this.share = share;
            this.label = label;
        }
    }

    private static final int BATCH_RECORDS = 100;
    private static final int CYCLE_LENGTH = 20;
    /** The operations in the order they are sent, each share spread evenly over the cycle. */
    private static final Operation[] CYCLE = cycle();
    private static final int PROMPTS = 5;
    private static final int FIRST_RAMP_CLIENTS = 2;
    private static final int MAX_RAMP_CLIENTS = 64;
    private static final int HOLD_SECONDS = 60;
    /** Enough senders that a slow answer never holds back the next scheduled request. */
    private static final int SENDERS = 64;
    private static final int EXAMPLES = 5;
    /** Below this much, a p99 that doubled is still called stable (a few ms are one collector pause). */
    private static final double STABLE_MARGIN_MS = 20;

    private final int minutes;
    private final double load;
    private final int rampSeconds;
    private final int analysisRecords;
    private final long seed;
    private final int rollupTimeoutSeconds;
    private final Findings findings;

    private RecordGenerator generator;
    private Api ingest;
    private Api viewer;
    private String compare;
    private final AtomicLong nextRecord = new AtomicLong();
    private final Map<Operation, AtomicLong> calls = new EnumMap<>(Operation.class);
    private final ConcurrentLinkedQueue<String> errorExamples = new ConcurrentLinkedQueue<>();

    SoakRun(int minutes, double load, int rampSeconds, int analysisRecords, long seed, int rollupTimeoutSeconds,
            Findings findings) {
        this.minutes = minutes;
        this.load = load;
        this.rampSeconds = rampSeconds;
        this.analysisRecords = analysisRecords;
        this.seed = seed;
        this.rollupTimeoutSeconds = rollupTimeoutSeconds;
        this.findings = findings;
        for (Operation operation : Operation.values()) {
            calls.put(operation, new AtomicLong());
        }
    }

    void run() throws Exception {
        prepare();
        double capacity = capacity();
        Calls.awaitRollups(Api.admin(), rollupTimeoutSeconds);
        soak(capacity * load);
    }

    /** Prompts to ingest into and to read, and a prompt of fixed records for the analysis to compare. */
    private void prepare() throws Exception {
        Api operator = Api.as(Api.newKey("operator"));
        generator = new RecordGenerator(seed, IntStream.range(0, PROMPTS).mapToObj(i -> Api.unique("soak")).toList(), 1);
        generator.register(operator);
        RecordGenerator analysed = new RecordGenerator(seed + 1, List.of(Api.unique("soak-analysis")), analysisRecords);
        analysed.register(operator);
        ingest = Keys.unlimited("ingest");
        viewer = Keys.unlimited("viewer");
        for (long from = 0; from < analysisRecords; from += RecordStream.CHUNK) {
            Calls.ok(ingest.post("/api/v1/executions/batch", analysed.batch(from, (int) Math.min(RecordStream.CHUNK, analysisRecords - from))));
        }
        compare = Json.createObjectBuilder().add("metric", "qualityScore").add("selection", Json.createObjectBuilder()
                .add("promptId", analysed.prompts().get(0)).add("versions", Json.createArrayBuilder().add("1.0.0").add("1.1.0")))
                .build().toString();
        Calls.awaitRollups(Api.admin(), rollupTimeoutSeconds);
        findings.add(NAME, "Mix, per " + CYCLE_LENGTH + " requests", Arrays.stream(Operation.values())
                .map(o -> o.share + " × " + o.label).collect(Collectors.joining(", "))
                + "; metrics: a prompt's 24 h in 5 m buckets, its 7-day summary, the models table over 7 days; analysis: compare"
                + " qualityScore of two versions (" + n(analysisRecords) + " records in three versions); registry: a prompt,"
                + " its versions, its active version");
    }

    /**
     * Closed loop at 2, 4, 8, ... clients, {@code rampSeconds} each, until the throughput stops growing
     * by 5 %; then the best stage's client count held for {@value #HOLD_SECONDS} s, whose throughput is
     * the capacity: a short stage sees no roll-up of the coarse windows, which run once a minute while
     * ingest is busy (promptwatch.metrics.rollup.busy-interval), and overstates what is sustained.
     */
    private double capacity() throws Exception {
        double best = 0;
        int bestClients = FIRST_RAMP_CLIENTS;
        List<String> stages = new ArrayList<>();
        for (int clients = FIRST_RAMP_CLIENTS; clients <= MAX_RAMP_CLIENTS; clients *= 2) {
            double rate = closedLoop(clients, rampSeconds);
            stages.add(clients + " clients " + String.format(Locale.ROOT, "%.0f/s", rate));
            progress("ramp: %d clients, %.0f requests/s", clients, rate);
            boolean grew = rate >= best * 1.05;
            if (rate > best) {
                best = rate;
                bestClients = clients;
            }
            if (!grew) {
                break;
            }
        }
        double held = closedLoop(bestClients, HOLD_SECONDS);
        progress("held: %d clients, %.0f requests/s", bestClients, held);
        findings.add(NAME, "Capacity: " + bestClients + " clients held " + HOLD_SECONDS + " s, after a closed-loop ramp of "
                + rampSeconds + " s a stage", String.format(Locale.ROOT, "%.0f requests/s (ramp: %s)", held, String.join(", ", stages)));
        return held;
    }

    private double closedLoop(int clients, int seconds) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        AtomicLong slot = new AtomicLong();
        AtomicLong completed = new AtomicLong();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < clients; t++) {
                running.add(threads.submit(() -> {
                    while (System.nanoTime() < end) {
                        Operation operation = CYCLE[(int) (slot.getAndIncrement() % CYCLE_LENGTH)];
                        if (send(operation) == null) {
                            completed.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
        } finally {
            threads.shutdownNow();
        }
        return completed.get() / ((System.nanoTime() - start) / 1e9);
    }

    private void soak(double rate) throws Exception {
        long total = Math.round(rate * minutes * 60);
        long interval = Math.round(1e9 / rate);
        Samples samples = new Samples(minutes);
        // Answers per minute, by when they came: flat at the offered rate, or lower when a queue builds.
        double[] rss = new double[minutes + 1];
        long pendingBefore = pendingRecords();
        long recordsBefore = nextRecord.get();
        progress("soak: %.0f requests/s for %d min", rate, minutes);
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        long start = System.nanoTime();
        rss[0] = Server.rssMb();
        int minute = 0;
        try {
            for (long i = 0; i < total; i++) {
                long due = start + i * interval;
                int dueMinute = (int) Math.min(minutes - 1, (due - start) / TimeUnit.MINUTES.toNanos(1));
                while (minute < dueMinute) { // the RSS at each minute's end, read by the scheduler between two requests
                    rss[++minute] = Server.rssMb();
                    progress("soak: minute %d of %d, RSS %.0f MB, errors %d", minute, minutes, rss[minute], samples.errors());
                }
                while (System.nanoTime() < due) {
                    LockSupport.parkNanos(due - System.nanoTime());
                }
                Operation operation = CYCLE[(int) (i % CYCLE_LENGTH)];
                int at = dueMinute;
                senders.execute(() -> {
                    String error = send(operation);
                    long answered = System.nanoTime();
                    samples.add(operation, at, (answered - due) / 1e6, error != null);
                    samples.answered((int) Math.min(minutes, (answered - start) / TimeUnit.MINUTES.toNanos(1)));
                });
            }
        } finally {
            senders.shutdown();
        }
        if (!senders.awaitTermination(5, TimeUnit.MINUTES)) {
            senders.shutdownNow();
            throw new IllegalStateException("soak requests still under way 5 minutes after the last was sent");
        }
        rss[minutes] = Server.rssMb();
        long sent = samples.count();
        long pendingAfter = pendingRecords();

        findings.add(NAME, "Load (open loop, latency from each request's scheduled start)", String.format(Locale.ROOT,
                "%.0f requests/s (%.0f %% of the capacity) for %d min: %s requests, %s records ingested", rate, load * 100, minutes,
                n(sent), n(nextRecord.get() - recordsBefore)));
        findings.check(NAME, "Errors (an answer other than the expected 2xx, or none)", samples.errors() == 0,
                n(samples.errors()) + (errorExamples.isEmpty() ? "" : "; e.g. " + String.join(" | ", errorExamples)));
        for (Operation operation : Operation.values()) {
            Latencies first = samples.latencies(operation, 0);
            Latencies last = samples.latencies(operation, minutes - 1);
            Latencies all = samples.latencies(operation);
            if (first == null || last == null || all == null) {
                findings.add(NAME, "p50 / p99 " + operation.label, "no calls in the first or last minute");
                continue;
            }
            boolean stable = last.percentile(99) <= Math.max(2 * first.percentile(99), first.percentile(99) + STABLE_MARGIN_MS);
            findings.add(NAME, "p50 / p99 " + operation.label + ", minute 1 → minute " + minutes, String.format(Locale.ROOT,
                    "%.1f / %.1f → %.1f / %.1f ms, %s (whole soak p99 %.1f ms, %s calls; p99 each minute: %s)", first.percentile(50),
                    first.percentile(99), last.percentile(50), last.percentile(99), stable ? "stable" : "**not stable**",
                    all.percentile(99), n(all.sortedMs().length), IntStream.range(0, minutes)
                            .mapToObj(m -> samples.latencies(operation, m)).map(l -> l == null ? "-" : String.format(Locale.ROOT, "%.0f", l.percentile(99)))
                            .collect(Collectors.joining(", "))));
        }
        findings.add(NAME, "Answers each minute, per second (offered " + String.format(Locale.ROOT, "%.0f", rate) + ")",
                Arrays.stream(samples.answeredPerMinute()).mapToObj(a -> String.format(Locale.ROOT, "%.0f", a / 60.0))
                        .collect(Collectors.joining(", ")));
        findings.add(NAME, "Server RSS at the start / end (growth)", String.format(Locale.ROOT,
                "%.0f / %.0f MB (%+.0f MB, %+.1f %%); each minute: %s", rss[0], rss[minutes], rss[minutes] - rss[0],
                100 * (rss[minutes] - rss[0]) / rss[0], Arrays.stream(rss).mapToObj(m -> String.format(Locale.ROOT, "%.0f", m))
                        .collect(Collectors.joining(", "))));
        findings.add(NAME, "Rollup lag (records not rolled up) at the start / end", n(pendingBefore) + " / " + n(pendingAfter));
    }

    /** Sends one request of {@code operation}; returns null when the answer is the expected one, else what was wrong. */
    private String send(Operation operation) {
        long call = calls.get(operation).getAndIncrement();
        String prompt = generator.prompts().get((int) (call % PROMPTS));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Api.Reply reply;
        try {
            reply = switch (operation) {
                case BATCH -> ingest.post("/api/v1/executions/batch", generator.batch(nextRecord.getAndAdd(BATCH_RECORDS), BATCH_RECORDS));
                case SINGLE -> ingest.post("/api/v1/executions", generator.record(nextRecord.getAndIncrement()).json().toString());
                case METRICS -> viewer.get(switch ((int) (call % 3)) {
                    case 0 -> "/api/v1/metrics?promptId=" + prompt + "&window=5m&from=" + now.minus(1, DAYS) + "&to=" + now;
                    case 1 -> "/api/v1/prompts/" + prompt + "/summary?period=7d";
                    default -> "/api/v1/metrics/models?from=" + now.minus(7, DAYS) + "&to=" + now;
                });
                case ANALYSIS -> viewer.post("/api/v1/analysis/compare", compare);
                case REGISTRY -> viewer.get("/api/v1/prompts/" + prompt + List.of("", "/versions", "/active").get((int) (call % 3)));
            };
        } catch (IllegalStateException noAnswer) {
            return error(operation + ": " + noAnswer.getMessage());
        }
        int expected = operation == Operation.SINGLE ? 201 : 200;
        if (reply.status() != expected) {
            return error(operation + ": " + reply);
        }
        if (operation == Operation.BATCH) {
            for (JsonValue result : reply.array()) {
                if (!"accepted".equals(result.asJsonObject().getString("status"))) {
                    return error(operation + ": a record was not accepted: " + result);
                }
            }
        }
        return null;
    }

    private String error(String description) {
        if (errorExamples.size() < EXAMPLES) {
            errorExamples.add(description.length() > 300 ? description.substring(0, 300) + "..." : description);
        }
        return description;
    }

    private static long pendingRecords() {
        return Calls.ok(Api.admin().get("/api/v1/metrics/rollup")).object().getJsonNumber("pendingRecords").longValue();
    }

    private static Operation[] cycle() {
        Operation[] cycle = new Operation[CYCLE_LENGTH];
        Map<Operation, Integer> placed = new EnumMap<>(Operation.class);
        for (int slot = 0; slot < CYCLE_LENGTH; slot++) {
            // The operation furthest behind its share at this point of the cycle goes next.
            int at = slot;
            Operation next = Arrays.stream(Operation.values()).max((a, b) -> Double.compare(
                    behind(a, at, placed), behind(b, at, placed))).orElseThrow();
            cycle[slot] = next;
            placed.merge(next, 1, Integer::sum);
        }
        if (Arrays.stream(Operation.values()).mapToInt(o -> o.share).sum() != CYCLE_LENGTH) {
            throw new IllegalStateException("the operations' shares must add up to " + CYCLE_LENGTH);
        }
        return cycle;
    }

    private static double behind(Operation operation, int slot, Map<Operation, Integer> placed) {
        return (double) operation.share * (slot + 1) / CYCLE_LENGTH - placed.getOrDefault(operation, 0);
    }

    /** Latencies per operation and minute, and the errors. */
    private static final class Samples {
        private final Map<Operation, List<List<Double>>> ms = new EnumMap<>(Operation.class);
        private final AtomicLong errors = new AtomicLong();
        private final AtomicLong count = new AtomicLong();
        /** One more than the minutes: answers that came after the last one. */
        private final AtomicLongArray answered;

        Samples(int minutes) {
            answered = new AtomicLongArray(minutes + 1);
            for (Operation operation : Operation.values()) {
                List<List<Double>> perMinute = new ArrayList<>();
                for (int m = 0; m < minutes; m++) {
                    perMinute.add(new ArrayList<>());
                }
                ms.put(operation, perMinute);
            }
        }

        void add(Operation operation, int minute, double latencyMs, boolean error) {
            List<Double> bucket = ms.get(operation).get(minute);
            synchronized (bucket) {
                bucket.add(latencyMs);
            }
            count.incrementAndGet();
            if (error) {
                errors.incrementAndGet();
            }
        }

        long errors() {
            return errors.get();
        }

        void answered(int minute) {
            answered.incrementAndGet(minute);
        }

        /** Answers in each minute of the soak (not the ones after its end). */
        long[] answeredPerMinute() {
            return IntStream.range(0, answered.length() - 1).mapToLong(answered::get).toArray();
        }

        long count() {
            return count.get();
        }

        /** The minute's latencies of the operation, null if it had none. */
        Latencies latencies(Operation operation, int minute) {
            List<Double> bucket = ms.get(operation).get(minute);
            synchronized (bucket) {
                return bucket.isEmpty() ? null : Latencies.of(bucket.stream().mapToDouble(Double::doubleValue).toArray());
            }
        }

        /** The whole soak's latencies of the operation, null if it had none. */
        Latencies latencies(Operation operation) {
            double[] all = ms.get(operation).stream().flatMap(bucket -> {
                synchronized (bucket) {
                    return new ArrayList<>(bucket).stream();
                }
            }).mapToDouble(Double::doubleValue).toArray();
            return all.length == 0 ? null : Latencies.of(all);
        }
    }
}
