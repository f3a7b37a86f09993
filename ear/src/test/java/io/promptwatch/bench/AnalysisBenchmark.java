package io.promptwatch.bench;

import io.promptwatch.it.Api;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Benchmark of the analysis endpoints on records read from the store (not a test: it asserts no
 * timing). Stores {@code bench.samples} records per arm of an A/B pair and {@code bench.model-records}
 * of a third version, then times compare (both arms), correlations (one arm) and the success model
 * (the third version) over HTTP on loopback, 3 warm-up calls and {@code bench.calls} measured calls
 * each. Prints a table and writes {@code target/benchmark-analysis.json}.
 * Run: {@code ./mvnw -B verify -Pbenchmark [-Dbench.only=analysis]} (see README "Performance").
 */
@ExtendWith(ArquillianExtension.class)
@EnabledIfSystemProperty(named = "bench.only", matches = "all|analysis")
class AnalysisBenchmark {

    private static final int SAMPLES = Integer.getInteger("bench.samples", 100_000);
    private static final int MODEL_RECORDS = Integer.getInteger("bench.model-records", 10_000);
    private static final int CALLS = Integer.getInteger("bench.calls", 20);
    private static final int BATCH = 1000;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Api.ear();
    }

    @Test
    void run() throws Exception {
        Api operator = Api.as(Api.newKey("operator"));
        Api ingest = Api.as(Api.newKey("ingest"));
        Api viewer = Api.as(Api.newKey("viewer"));
        String prompt = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        Calls.ok(operator.post("/api/v1/prompts", "{\"id\":\"" + prompt + "\",\"name\":\"benchmark\"}"));
        for (String v : List.of("1.0.0", "1.1.0", "1.2.0")) {
            Calls.ok(operator.post("/api/v1/prompts/" + prompt + "/versions", "{\"version\":\"" + v + "\",\"text\":\"v" + v + "\"}"));
        }
        long start = System.nanoTime();
        int stored = store(ingest, prompt, "1.0.0", SAMPLES, 1) + store(ingest, prompt, "1.1.0", SAMPLES, 2)
                + store(ingest, prompt, "1.2.0", MODEL_RECORDS, 3);
        Calls.awaitRollups(Api.admin(), 1800);
        double ingestSeconds = (System.nanoTime() - start) / 1e9;

        String compare = Json.createObjectBuilder().add("metric", "qualityScore").add("selection", Json.createObjectBuilder()
                .add("promptId", prompt).add("versions", Json.createArrayBuilder().add("1.0.0").add("1.1.0"))).build().toString();
        String correlations = Json.createObjectBuilder().add("selection", Json.createObjectBuilder()
                .add("promptId", prompt).add("version", "1.0.0")).build().toString();
        String model = Json.createObjectBuilder().add("selection", Json.createObjectBuilder()
                .add("promptId", prompt).add("version", "1.2.0")).build().toString();
        Map<String, Latencies> timings = new LinkedHashMap<>();
        timings.put("compare qualityScore, " + SAMPLES + " per arm",
                Calls.time(CALLS, i -> viewer.post("/api/v1/analysis/compare", compare)));
        timings.put("compare success, " + SAMPLES + " per arm",
                Calls.time(CALLS, i -> viewer.post("/api/v1/analysis/compare", compare.replace("qualityScore", "success"))));
        timings.put("correlations, " + SAMPLES + " records",
                Calls.time(CALLS, i -> viewer.post("/api/v1/analysis/correlations", correlations)));
        timings.put("success model, " + MODEL_RECORDS + " records",
                Calls.time(CALLS, i -> viewer.post("/api/v1/analysis/success-model", model)));

        StringBuilder table = new StringBuilder(String.format("%nAnalysis benchmark (%d records stored at %.0f records/s)%n",
                stored, stored / ingestSeconds));
        table.append(String.format("%-42s %10s %10s %10s%n", "endpoint", "p50 ms", "p95 ms", "max ms"));
        StringBuilder json = new StringBuilder("{\"recordsStored\":" + stored + ",\"ingestRecordsPerSec\":"
                + Math.round(stored / ingestSeconds) + ",\"calls\":" + CALLS + ",\"endpoints\":[");
        String separator = "";
        for (Map.Entry<String, Latencies> t : timings.entrySet()) {
            Latencies ms = t.getValue();
            table.append(String.format("%-42s %10.1f %10.1f %10.1f%n", t.getKey(), ms.percentile(50), ms.percentile(95), ms.max()));
            json.append(separator).append(String.format("{\"name\":\"%s\",\"p50Ms\":%.1f,\"p95Ms\":%.1f,\"maxMs\":%.1f}",
                    t.getKey(), ms.percentile(50), ms.percentile(95), ms.max()));
            separator = ",";
        }
        json.append("]}");
        System.out.println(table);
        Files.writeString(Path.of("target/benchmark-analysis.json"), json.toString());
    }

    private static int store(Api ingest, String prompt, String version, int count, long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> bodies = new ArrayList<>();
        // Records arrive as executions happen: timestamps ascend over the last 7 days (the heap order
        // Derby reads them in; shuffled timestamps make every index read a random row fetch).
        Instant start = Instant.now().minus(Duration.ofDays(7));
        long spanMillis = Duration.ofDays(7).toMillis() - 60_000;
        for (int from = 0; from < count; from += BATCH) {
            JsonArrayBuilder batch = Json.createArrayBuilder();
            for (int i = from; i < Math.min(count, from + BATCH); i++) {
                double latency = 300 + 1500 * random.nextDouble();
                double quality = Math.min(1, Math.max(0, 0.7 + 0.15 * (random.nextDouble() - 0.5) - latency / 20000));
                boolean success = random.nextDouble() < 0.95 - latency / 10000;
                batch.add(Json.createObjectBuilder().add("executionId", UUID.randomUUID().toString()).add("promptId", prompt)
                        .add("version", version).add("model", "model-" + random.nextInt(5))
                        .add("timestamp", start.plusMillis(i * spanMillis / count).toString())
                        .add("latencyMs", Math.round(latency)).add("inputTokens", 100 + random.nextInt(900))
                        .add("outputTokens", 20 + random.nextInt(400)).add("temperature", random.nextInt(11) / 10.0)
                        .add("qualityScore", quality).add("success", success).add("input", "question " + i));
            }
            bodies.add(batch.build().toString());
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Api.Reply>> replies = new ArrayList<>();
            for (String body : bodies) {
                replies.add(pool.submit(() -> ingest.post("/api/v1/executions/batch", body)));
            }
            for (Future<Api.Reply> reply : replies) {
                Calls.ok(reply.get());
            }
        } finally {
            pool.shutdown();
        }
        return count;
    }
}
