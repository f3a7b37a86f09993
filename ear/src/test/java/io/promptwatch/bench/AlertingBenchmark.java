package io.promptwatch.bench;

import io.promptwatch.it.Api;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Benchmark of one alert evaluation (issue 18: "1,000 active versions and 20 rules, one evaluation
 * ≤ 1 s"; not a test: it asserts no timing). Registers {@code bench.alert-versions} prompts over HTTP,
 * each with one deployed version that has a baseline (the registry has no batch registration), from
 * {@code bench.register-threads} clients; ingests {@code bench.records-per-version} records per
 * version through the batch API from {@code bench.threads} clients, spread over the 24 hours before an
 * anchor instant so that every rule window holds records (30 % in the last 15 minutes, 30 % in the 45
 * before, 40 % over the rest of the day), 2 % failures, and every {@value #BAD_EVERY}th version bad
 * (30 % failures, three times the latency, lower quality and feedback) so that rules fire; waits for
 * the rollups; adds rules to the shipped ones up to {@code bench.rules} over every rule window, with
 * thresholds and baseline factors; then runs one evaluation (the first: it fires the alerts) and
 * {@code bench.evaluations} more (the steady state: the same alerts still hold) through
 * {@code POST /alerts/evaluations?at=}, each timed at the client (wall clock, HTTP included) and by
 * the server's gauge {@code promptwatch.alerting.evaluation.millis}. The evaluations run within the
 * anchor's minute (the build's test server allows {@code at}), so the windows hold the same records
 * however long the set-up took. Prints a table and writes {@code target/benchmark-alerting.json}.
 * Run: {@code ./mvnw -B verify -Pbenchmark -Dbench.only=alerting} (see README "Performance").
 */
@ExtendWith(ArquillianExtension.class)
@EnabledIfSystemProperty(named = "bench.only", matches = "all|alerting")
class AlertingBenchmark {

    private static final int VERSIONS = Integer.getInteger("bench.alert-versions", 1000);
    private static final int RECORDS_PER_VERSION = Integer.getInteger("bench.records-per-version", 100);
    private static final int HISTORY_DAYS = Integer.getInteger("bench.history-days", 0);
    private static final int RULES = Integer.getInteger("bench.rules", 20);
    private static final int EVALUATIONS = Integer.getInteger("bench.evaluations", 10);
    private static final int THREADS = Integer.getInteger("bench.threads", 4);
    /**
     * One client registers: with 4, Derby refused registry writes on different prompts within a second
     * (503; 40XL1 from {@code SequenceUpdater.tooMuchContentionException}, the registry_event identity).
     */
    private static final int REGISTER_THREADS = Integer.getInteger("bench.register-threads", 1);
    private static final int ROLLUP_TIMEOUT_SECONDS = Integer.getInteger("bench.rollup-timeout-seconds", 1800);
    private static final long SEED = Long.getLong("bench.seed", 42);
    private static final double TARGET_MS = 1000;
    private static final int BAD_EVERY = 20;
    private static final int BATCH = 1000;
    private static final String VERSION = "1.0.0";
    private static final Path RESULTS = Path.of("target/benchmark-alerting.json");
    /** The evaluator's gauge in the server's Prometheus output (MicroProfile Metrics 5 and earlier names). */
    private static final Pattern GAUGE = Pattern.compile(
            "^(?:application_)?promptwatch_alerting_evaluation_millis(?:\\{[^}]*})?\\s+(\\S+)", Pattern.MULTILINE);
    private static final JsonProvider JSON = JsonProvider.provider();

    /** A model with its prices per 1,000 tokens. */
    private record Model(String name, double inputPrice, double outputPrice) {
    }

    private static final List<Model> MODELS = List.of(new Model("gpt-4o", 0.0025, 0.01),
            new Model("gpt-4o-mini", 0.00015, 0.0006), new Model("claude-3-5-haiku", 0.0008, 0.004));

    /** A record to send, with its time for ordering the stream as the executions happened. */
    private record Sent(Instant timestamp, JsonObject json) {
    }

    /** The rules added to the shipped ones, in order: every rule window, fixed limits and baseline factors. */
    private static final List<JsonObject> OWN_RULES = List.of(
            rule("Error burst", "error_rate", ">", 0.10, null, "5m", 5, "critical"),
            rule("Latency p95 over 5 s", "latency_p95", ">", 5000.0, null, "5m", 5, "critical"),
            rule("Latency p50 over twice its baseline", "latency_p50", ">", null, 2.0, "10m", 10, "warning"),
            rule("Volume spike", "volume", ">", 500.0, null, "10m", 1, "warning"),
            rule("Success rate below 85 %", "success_rate", "<", 0.85, null, "15m", 10, "critical"),
            rule("Latency p99 over 8 s", "latency_p99", ">", 8000.0, null, "15m", 10, "warning"),
            rule("Error rate over 8 % in an hour", "error_rate", ">", 0.08, null, "1h", 20, "warning"),
            rule("Success rate below 0.9 of baseline", "success_rate", "<", null, 0.9, "1h", 20, "warning"),
            rule("Latency p95 over 1.5 of baseline in an hour", "latency_p95", ">", null, 1.5, "1h", 20, "critical"),
            rule("Low feedback in an hour", "avg_feedback", "<", 2.5, null, "1h", 3, "warning"),
            rule("Error rate over 5 % in a day", "error_rate", ">", 0.05, null, "24h", 50, "warning"),
            rule("Quality below 0.8 of baseline", "avg_quality", "<", null, 0.8, "24h", 30, "warning"),
            rule("Cost per execution over 1 cent", "cost_per_execution", ">", 0.01, null, "24h", 50, "warning"));

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Api.ear();
    }

    @Test
    void run() throws Exception {
        Api admin = Api.admin();
        Calls.awaitRollups(admin, ROLLUP_TIMEOUT_SECONDS); // records of an earlier benchmark must not compete for the CPU
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> prompts = new ArrayList<>();
        for (int i = 0; i < VERSIONS; i++) {
            prompts.add(String.format("eval-bench-%s-%04d", run, i));
        }

        Api operator = Api.as(Api.newKey("operator"));
        long start = System.nanoTime();
        parallel(REGISTER_THREADS, VERSIONS, i -> register(operator, prompts.get(i)));
        double registerSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("[progress] %d prompts registered and deployed in %.1f s%n", VERSIONS, registerSeconds);

        Instant anchor = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        List<String> bodies = bodies(prompts, anchor);
        Api ingest = Api.as(Api.newKey("ingest"));
        start = System.nanoTime();
        long history = (long) VERSIONS * HISTORY_DAYS * 24;
        parallel(THREADS, (int) ((history + BATCH - 1) / BATCH), i -> Calls.ok(ingest.post("/api/v1/executions/batch",
                history(prompts, anchor, (long) i * BATCH, (int) Math.min(BATCH, history - (long) i * BATCH)))));
        parallel(THREADS, bodies.size(), i -> Calls.ok(ingest.post("/api/v1/executions/batch", bodies.get(i))));
        double ingestSeconds = (System.nanoTime() - start) / 1e9;
        long records = (long) VERSIONS * RECORDS_PER_VERSION + history;
        System.out.printf("[progress] %d records ingested at %.0f records/s%n", records, records / ingestSeconds);
        double drainSeconds = Calls.awaitRollups(admin, ROLLUP_TIMEOUT_SECONDS);
        System.out.printf("[progress] rollups caught up after %.1f s%n", drainSeconds);

        int existing = Calls.ok(admin.get("/api/v1/alert-rules")).array().size();
        if (RULES - existing > OWN_RULES.size() || existing > RULES) {
            throw new IllegalStateException(existing + " rules on the server; this benchmark adds up to "
                    + OWN_RULES.size() + " to reach bench.rules=" + RULES);
        }
        for (JsonObject rule : OWN_RULES.subList(0, RULES - existing)) {
            Calls.ok(admin.post("/api/v1/alert-rules", rule.toString()));
        }

        Evaluation first = evaluate(admin, anchor.plusSeconds(1));
        System.out.printf("[progress] first evaluation: %s%n", first);
        List<Evaluation> steady = new ArrayList<>();
        for (int i = 0; i < EVALUATIONS; i++) {
            // Within the anchor's minute: every evaluation sees the same windows.
            steady.add(evaluate(admin, anchor.plusSeconds(1).plusMillis(1 + i)));
            System.out.printf("[progress] evaluation %d: %s%n", i + 1, steady.get(i));
        }
        Latencies client = Latencies.of(steady.stream().mapToDouble(Evaluation::clientMs).toArray());
        Latencies server = Latencies.of(steady.stream().mapToDouble(Evaluation::serverMs).toArray());
        JsonObject summary = steady.get(steady.size() - 1).summary();
        JsonObject results = JSON.createObjectBuilder()
                .add("versions", summary.getInt("versions"))
                .add("rules", summary.getInt("rules"))
                .add("checksPerEvaluation", summary.getInt("checks"))
                .add("firedFirst", first.summary().getInt("fired"))
                .add("firedSteady", steady.stream().mapToInt(e -> e.summary().getInt("fired")).sum())
                .add("resolvedSteady", steady.stream().mapToInt(e -> e.summary().getInt("resolved")).sum())
                .add("first", JSON.createObjectBuilder().add("clientMs", round(first.clientMs()))
                        .add("serverMs", round(first.serverMs())).add("toTarget", ratio(first.clientMs() / TARGET_MS)))
                .add("steady", JSON.createObjectBuilder()
                        .add("clientP50Ms", round(client.percentile(50))).add("clientMaxMs", round(client.max()))
                        .add("serverP50Ms", round(server.percentile(50))).add("serverMaxMs", round(server.max()))
                        .add("clientMs", array(steady.stream().mapToDouble(Evaluation::clientMs).toArray()))
                        .add("toTarget", ratio(client.max() / TARGET_MS)))
                .add("targetMs", TARGET_MS)
                .add("registerSeconds", round(registerSeconds))
                .add("ingestRecordsPerSec", Math.round(records / ingestSeconds))
                .add("rollupDrainSeconds", round(drainSeconds))
                .add("machine", JSON.createObjectBuilder()
                        .add("cores", Runtime.getRuntime().availableProcessors())
                        .add("date", LocalDate.now().toString())
                        .add("java", System.getProperty("java.version")))
                .add("parameters", JSON.createObjectBuilder().add("versions", VERSIONS)
                        .add("recordsPerVersion", RECORDS_PER_VERSION).add("historyDays", HISTORY_DAYS).add("rules", RULES).add("evaluations", EVALUATIONS)
                        .add("threads", THREADS).add("registerThreads", REGISTER_THREADS)
                        .add("badVersions", IntStream.range(0, VERSIONS).filter(AlertingBenchmark::bad).count())
                        .add("seed", SEED).add("anchor", anchor.toString()))
                .build();
        System.out.println(table(results, records));
        try (Writer out = Files.newBufferedWriter(RESULTS, StandardCharsets.UTF_8)) {
            JSON.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(out).write(results);
        }
    }

    /** One evaluation: its summary, the client's wall clock and the server's gauge read right after it. */
    private record Evaluation(JsonObject summary, double clientMs, double serverMs) {
        @Override
        public String toString() {
            return String.format("client %.1f ms, server %.0f ms, %s", clientMs, serverMs, summary);
        }
    }

    private static Evaluation evaluate(Api admin, Instant at) {
        long start = System.nanoTime();
        Api.Reply reply = Calls.ok(admin.post("/api/v1/alerts/evaluations?at=" + at, null));
        double clientMs = (System.nanoTime() - start) / 1e6;
        Matcher gauge = GAUGE.matcher(Calls.ok(Api.metrics()).body());
        if (!gauge.find()) {
            throw new IllegalStateException("no promptwatch.alerting.evaluation.millis gauge in /metrics");
        }
        return new Evaluation(reply.object(), clientMs, Double.parseDouble(gauge.group(1)));
    }

    /** A prompt with one version (a baseline for every baseline rule, no automatic rollback), staged and deployed. */
    private static void register(Api operator, String prompt) {
        String versions = "/api/v1/prompts/" + prompt + "/versions";
        Calls.ok(operator.post("/api/v1/prompts", JSON.createObjectBuilder().add("id", prompt)
                .add("name", "Alert evaluation benchmark").build().toString()));
        Calls.ok(operator.post(versions, JSON.createObjectBuilder().add("version", VERSION)
                .add("text", "Answer the customer: {{question}}").add("autoRollback", false)
                .add("baseline", JSON.createObjectBuilder().add("predictedQuality", 0.82).add("expectedAccuracy", 0.98)
                        .add("latencyP50Ms", 800).add("latencyP95Ms", 1800))
                .build().toString()));
        Calls.ok(operator.post(versions + "/" + VERSION + "/stage", null));
        Calls.ok(operator.post(versions + "/" + VERSION + "/deploy", "{\"reason\":\"alert evaluation benchmark\"}"));
    }

    /**
     * Every version's records in the order they happened, in batch bodies. Version {@code v}'s record
     * {@code k} of n lies at an age of (k + ½)/(0.3 n) × 15 min for the first 30 %, 15 min + … × 45 min
     * for the next 30 %, 1 h + … × 22 h 50 min for the rest (the 24 h window's oldest minutes are where
     * the 1-minute buckets' retention ends), less a few seconds of the version's own.
     */
    private static List<String> bodies(List<String> prompts, Instant anchor) {
        int n = RECORDS_PER_VERSION;
        int recent = 3 * n / 10;
        int hour = 6 * n / 10;
        List<Sent> sent = new ArrayList<>(prompts.size() * n);
        for (int v = 0; v < prompts.size(); v++) {
            SplittableRandom r = new SplittableRandom(SEED * 1_000_003 + v);
            boolean bad = bad(v);
            long jitterMs = r.nextLong(10_000);
            for (int k = 0; k < n; k++) {
                double minutes = k < recent ? 15.0 * (k + 0.5) / recent
                        : k < hour ? 15 + 45.0 * (k - recent + 0.5) / (hour - recent)
                        : 60 + (23 * 60 - 70) * (k - hour + 0.5) / (n - hour);
                Instant at = anchor.minusMillis(Math.round(minutes * 60_000) + jitterMs);
                sent.add(new Sent(at, record(r, prompts.get(v), bad, at)));
            }
        }
        sent.sort(Comparator.comparing(Sent::timestamp));
        List<String> bodies = new ArrayList<>();
        for (int from = 0; from < sent.size(); from += BATCH) {
            JsonArrayBuilder batch = JSON.createArrayBuilder();
            sent.subList(from, Math.min(sent.size(), from + BATCH)).forEach(s -> batch.add(s.json()));
            bodies.add(batch.build().toString());
        }
        return bodies;
    }

    /**
     * Records {@code from .. from+count-1} of the history before the last 24 hours: one record per version
     * and hour over {@code bench.history-days} days, oldest first. They are what a server that has run for
     * a while keeps in its rollups (5m buckets 7 days, 1h buckets 30 days), which every read of a window
     * may have to pass over; the rule windows themselves hold none of them.
     */
    private static String history(List<String> prompts, Instant anchor, long from, int count) {
        JsonArrayBuilder batch = JSON.createArrayBuilder();
        long hours = (long) HISTORY_DAYS * 24;
        for (long i = from; i < from + count; i++) {
            SplittableRandom r = new SplittableRandom(SEED * 7_000_003 + i);
            int v = (int) (i % prompts.size());
            long hoursAgo = hours - i / prompts.size() + 24; // 24 h + HISTORY_DAYS days ago .. 25 h ago
            Instant at = anchor.minus(Duration.ofHours(hoursAgo)).minusMillis(r.nextLong(3_600_000));
            batch.add(record(r, prompts.get(v), bad(v), at));
        }
        return batch.build().toString();
    }

    private static boolean bad(int version) {
        return version % BAD_EVERY == 7;
    }

    private static JsonObject record(SplittableRandom r, String prompt, boolean bad, Instant at) {
        Model model = MODELS.get(r.nextInt(MODELS.size()));
        boolean success = r.nextDouble() >= (bad ? 0.30 : 0.02);
        double latency = (bad ? 2400 : 800) * Math.exp(0.4 * r.nextGaussian()) * (success ? 1 : 1.5);
        int inputTokens = (int) Math.max(1, Math.round(350 * Math.exp(0.5 * r.nextGaussian())));
        int outputTokens = success ? (int) Math.max(1, Math.round(120 * Math.exp(0.6 * r.nextGaussian()))) : 0;
        JsonObjectBuilder record = JSON.createObjectBuilder()
                .add("executionId", new UUID(r.nextLong(), r.nextLong()).toString()).add("promptId", prompt)
                .add("version", VERSION).add("model", model.name()).add("timestamp", at.toString())
                .add("latencyMs", Math.round(latency)).add("inputTokens", inputTokens).add("outputTokens", outputTokens)
                .add("cost", (inputTokens * model.inputPrice() + outputTokens * model.outputPrice()) / 1000)
                .add("success", success).add("userId", "user-" + r.nextInt(500));
        if (success) {
            record.add("qualityScore", Math.min(1, Math.max(0, (bad ? 0.55 : 0.82) + 0.06 * r.nextGaussian())));
        } else {
            record.add("errorType", bad ? "invalid_output" : "timeout");
        }
        if (r.nextDouble() < 0.1) {
            record.add("userFeedback", bad ? 1 + r.nextInt(3) : success ? 3 + r.nextInt(3) : 1 + r.nextInt(2));
        }
        return record.build();
    }

    private interface Task {
        void run(int index) throws Exception;
    }

    /** Runs tasks {@code 0..count-1} from {@code threads} clients; the first failure ends the benchmark. */
    private static void parallel(int threads, int count, Task task) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(clients.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        task.run(i);
                    }
                    return null;
                }));
            }
            for (Future<Void> client : done) {
                client.get();
            }
        } finally {
            clients.shutdownNow();
        }
    }

    private static JsonObject rule(String name, String metric, String comparison, Double threshold, Double factor,
                                   String window, int minSamples, String severity) {
        JsonObjectBuilder rule = JSON.createObjectBuilder().add("name", name).add("metric", metric)
                .add("comparison", comparison).add("window", window).add("minSamples", minSamples)
                .add("severity", severity).add("actions", JSON.createArrayBuilder().add("alert"));
        if (threshold != null) {
            rule.add("threshold", threshold);
        } else {
            rule.add("baselineFactor", factor);
        }
        return rule.build();
    }

    private static String table(JsonObject r, long records) {
        JsonObject machine = r.getJsonObject("machine");
        JsonObject first = r.getJsonObject("first");
        JsonObject steady = r.getJsonObject("steady");
        StringBuilder table = new StringBuilder(String.format("%nAlert evaluation benchmark, %s, %d cores, Java %s%n",
                machine.getString("date"), machine.getInt("cores"), machine.getString("java")));
        String row = "%-58s %s%n";
        table.append(String.format(row, "Prompts registered and deployed over HTTP, " + REGISTER_THREADS + " client(s)",
                String.format("%,d in %.1f s", VERSIONS, n(r, "registerSeconds"))));
        table.append(String.format(row, "Records ingested (" + RECORDS_PER_VERSION + " per version in 24 h"
                        + (HISTORY_DAYS == 0 ? ")" : "; 1/h " + HISTORY_DAYS + " d before)"),
                String.format("%,d at %,.0f records/s; rollups caught up %.1f s later", records,
                        n(r, "ingestRecordsPerSec"), n(r, "rollupDrainSeconds"))));
        table.append(String.format(row, "Active versions / enabled rules / checks per evaluation", String.format(
                "%,d / %d / %,d", r.getInt("versions"), r.getInt("rules"), r.getInt("checksPerEvaluation"))));
        table.append(String.format(row, "Alerts fired: first evaluation / the next " + EVALUATIONS, String.format(
                "%,d / %d (resolved %d)", r.getInt("firedFirst"), r.getInt("firedSteady"), r.getInt("resolvedSteady"))));
        table.append(String.format(row, "First evaluation, client / server gauge (ms)", String.format(
                "%.1f / %.0f  (%.2f of the 1 s target)", n(first, "clientMs"), n(first, "serverMs"), n(first, "toTarget"))));
        table.append(String.format(row, "Next " + EVALUATIONS + " evaluations, client p50 / max (ms)", String.format(
                "%.1f / %.1f  (%.2f / %.2f of the 1 s target)", n(steady, "clientP50Ms"), n(steady, "clientMaxMs"),
                n(steady, "clientP50Ms") / TARGET_MS, n(steady, "toTarget"))));
        table.append(String.format(row, "Next " + EVALUATIONS + " evaluations, server gauge p50 / max (ms)", String.format(
                "%.0f / %.0f", n(steady, "serverP50Ms"), n(steady, "serverMaxMs"))));
        return table.toString();
    }

    private static double n(JsonObject figures, String key) {
        return figures.getJsonNumber(key).doubleValue();
    }

    private static JsonArrayBuilder array(double[] values) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        for (double v : values) {
            array.add(round(v));
        }
        return array;
    }

    private static double ratio(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
