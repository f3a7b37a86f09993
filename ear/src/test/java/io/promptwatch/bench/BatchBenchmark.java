package io.promptwatch.bench;

import io.promptwatch.it.Api;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Benchmark of the batch jobs over a day of records (issue 19: "the daily-report time over 1 M records
 * (target ≤ 5 s) and export throughput", the export "1 M records in constant heap"; not a test: it
 * asserts no timing). Ingests {@code bench.batch-records} records ({@link RecordGenerator}, hash mode)
 * of {@code bench.batch-prompts} prompts, all timed on yesterday (UTC), through the batch API from
 * {@code bench.threads} clients; waits for the rollups; then, each started through
 * {@code POST /api/v1/jobs/{name}} and timed from that request until the execution reads COMPLETED
 * (polled every {@value #POLL_MILLIS} ms, so a figure is up to that much late): the daily report of
 * every prompt of the day (the step's own start and end too, and per prompt the step's time over the
 * reports it wrote: one chunk per prompt), run {@code bench.report-runs} times, and one prompt's alone;
 * the export of the day's records as CSV and as JSON Lines, with the server's used heap sampled from
 * its {@code /metrics} every {@value #HEAP_SAMPLE_MILLIS} ms during the export and for
 * {@value #BASELINE_SECONDS} s just before it (peak against the baseline's peak: constant heap means
 * the first does not grow with the records); and each export downloaded and its records counted
 * (CSV parsed, JSON Lines lines), which must equal the records stored. Prints a table and writes
 * {@code target/benchmark-batch.json}.
 * Run: {@code ./mvnw -B verify -Pbenchmark -Dbench.only=batch} (see README "Performance").
 */
@ExtendWith(ArquillianExtension.class)
@EnabledIfSystemProperty(named = "bench.only", matches = "all|batch")
class BatchBenchmark {

    private static final long RECORDS = Long.getLong("bench.batch-records", 1_000_000);
    private static final int PROMPTS = Integer.getInteger("bench.batch-prompts", 10);
    private static final int THREADS = Integer.getInteger("bench.threads", 4);
    private static final int REPORT_RUNS = Integer.getInteger("bench.report-runs", 2);
    private static final int CHUNK = Integer.getInteger("bench.export-chunk", 500);
    private static final int ROLLUP_TIMEOUT_SECONDS = Integer.getInteger("bench.rollup-timeout-seconds", 1800);
    private static final int JOB_TIMEOUT_SECONDS = Integer.getInteger("bench.job-timeout-seconds", 1800);
    private static final long SEED = Long.getLong("bench.seed", 42);
    private static final double TARGET_SECONDS = 5;
    private static final int BATCH = 1000;
    private static final int POLL_MILLIS = 50;
    private static final int HEAP_SAMPLE_MILLIS = 250;
    private static final int BASELINE_SECONDS = 5;
    private static final Set<String> CHUNK_STEPS = Set.of("store-reports", "write-records");
    private static final Set<String> ENDED = Set.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED");
    private static final Path RESULTS = Path.of("target/benchmark-batch.json");
    private static final Path DOWNLOADS = Path.of("target/bench-batch-exports");
    /** The JVM's used heap in the server's Prometheus output (MicroProfile Metrics 5 and earlier names). */
    private static final Pattern USED_HEAP = Pattern.compile(
            "^(?:base_)?memory_usedHeap_bytes(?:\\{[^}]*})?\\s+(\\S+)", Pattern.MULTILINE);
    private static final Pattern MAX_HEAP = Pattern.compile(
            "^(?:base_)?memory_maxHeap_bytes(?:\\{[^}]*})?\\s+(\\S+)", Pattern.MULTILINE);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final JsonProvider JSON = JsonProvider.provider();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Api.ear();
    }

    @Test
    void run() throws Exception {
        Api admin = Api.admin();
        Calls.awaitRollups(admin, ROLLUP_TIMEOUT_SECONDS); // records of an earlier benchmark must not compete for the CPU
        LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        Instant dayStart = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant dayEnd = dayStart.plus(Duration.ofDays(1));
        List<String> prompts = IntStream.range(0, PROMPTS).mapToObj(i -> Api.unique("batch-bench")).toList();
        // The day's last millisecond is the newest a record can be: all of them fall on the day.
        RecordGenerator generator = new RecordGenerator(SEED, prompts, RECORDS, dayEnd.minusMillis(1),
                Duration.ofDays(1).toMillis() - 1);
        Api operator = Api.as(Api.newKey("operator"));
        String viewerKey = Api.newKey("viewer");
        generator.register(operator);

        Api ingest = Api.as(Api.newKey("ingest"));
        long start = System.nanoTime();
        long stored = Calls.batchIngest(ingest, generator, RECORDS, THREADS);
        double ingestSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("[progress] %,d records ingested at %,.0f records/s%n", stored, stored / ingestSeconds);
        double drainSeconds = Calls.awaitRollups(admin, ROLLUP_TIMEOUT_SECONDS);
        System.out.printf("[progress] rollups caught up after %.1f s%n", drainSeconds);

        List<Run> reports = new ArrayList<>();
        for (int i = 0; i < REPORT_RUNS; i++) {
            reports.add(runJob(operator, "daily-report", "{\"date\":\"" + day + "\"}"));
            System.out.printf("[progress] daily report, all prompts, run %d: %s%n", i + 1, reports.get(i));
        }
        Run onePrompt = runJob(operator, "daily-report", "{\"date\":\"" + day + "\",\"promptId\":\"" + prompts.get(0) + "\"}");
        System.out.printf("[progress] daily report, one prompt: %s%n", onePrompt);

        Map<String, Export> exports = new java.util.LinkedHashMap<>();
        for (String format : List.of("csv", "jsonl")) {
            Export export = export(operator, viewerKey, format, dayStart, dayEnd);
            exports.put(format, export);
            System.out.printf("[progress] export %s: %s%n", format, export);
        }

        var reportFigures = JSON.createArrayBuilder();
        for (Run run : reports) {
            reportFigures.add(run.json().add("toTarget", ratio(run.wallSeconds() / TARGET_SECONDS)));
        }
        var exportFigures = JSON.createObjectBuilder();
        exports.forEach((format, e) -> exportFigures.add(format, e.json()));
        JsonObject results = JSON.createObjectBuilder()
                .add("day", day.toString())
                .add("recordsStored", stored)
                .add("ingestRecordsPerSec", Math.round(stored / ingestSeconds))
                .add("rollupDrainSeconds", round(drainSeconds, 1))
                .add("dailyReportAllPrompts", reportFigures)
                .add("dailyReportOnePrompt", onePrompt.json().add("toTarget", ratio(onePrompt.wallSeconds() / TARGET_SECONDS)))
                .add("targetSeconds", TARGET_SECONDS)
                .add("exports", exportFigures)
                .add("machine", JSON.createObjectBuilder()
                        .add("cores", Runtime.getRuntime().availableProcessors())
                        .add("date", LocalDate.now().toString())
                        .add("java", System.getProperty("java.version")))
                .add("parameters", JSON.createObjectBuilder().add("records", RECORDS).add("prompts", PROMPTS)
                        .add("threads", THREADS).add("batch", BATCH).add("reportRuns", REPORT_RUNS).add("exportChunk", CHUNK)
                        .add("pollMillis", POLL_MILLIS).add("heapSampleMillis", HEAP_SAMPLE_MILLIS)
                        .add("baselineSeconds", BASELINE_SECONDS).add("seed", SEED))
                .build();
        System.out.println(table(results));
        try (Writer out = Files.newBufferedWriter(RESULTS, StandardCharsets.UTF_8)) {
            JSON.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(out).write(results);
        }
        for (Export e : exports.values()) {
            if (e.counted() != stored) {
                throw new IllegalStateException("the " + e.format() + " export holds " + e.counted() + " records, not the "
                        + stored + " stored");
            }
        }
    }

    /** One job execution: the client's wall time from the POST to COMPLETED and what the execution says of itself. */
    private record Run(long id, double wallSeconds, JsonObject execution) {

        /** The job's chunk step (the export's publish step after it counts nothing). */
        JsonObject step() {
            return execution.getJsonArray("steps").stream().map(JsonValue::asJsonObject)
                    .filter(s -> CHUNK_STEPS.contains(s.getString("name"))).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no chunk step in " + execution));
        }

        double stepSeconds() {
            JsonObject step = step();
            return Duration.between(Instant.parse(step.getString("startedAt")), Instant.parse(step.getString("endedAt")))
                    .toNanos() / 1e9;
        }

        double jobSeconds() {
            return Duration.between(Instant.parse(execution.getString("startedAt")), Instant.parse(execution.getString("endedAt")))
                    .toNanos() / 1e9;
        }

        long written() {
            return step().getJsonNumber("writeCount").longValue();
        }

        jakarta.json.JsonObjectBuilder json() {
            return JSON.createObjectBuilder().add("executionId", id).add("wallSeconds", round(wallSeconds, 3))
                    .add("jobSeconds", round(jobSeconds(), 3)).add("stepSeconds", round(stepSeconds(), 3))
                    .add("written", written())
                    .add("stepSecondsPerItem", written() == 0 ? 0 : round(stepSeconds() / written(), 4));
        }

        @Override
        public String toString() {
            return String.format("%.2f s wall, job %.2f s, step %.2f s, %,d written", wallSeconds, jobSeconds(), stepSeconds(),
                    written());
        }
    }

    private static Run runJob(Api operator, String job, String parameters) throws InterruptedException {
        long start = System.nanoTime();
        Api.Reply started = Calls.ok(operator.post("/api/v1/jobs/" + job, parameters));
        if (started.status() != 202) {
            throw new IllegalStateException("job " + job + " not started: " + started);
        }
        long id = started.object().getJsonNumber("executionId").longValue();
        long deadline = start + TimeUnit.SECONDS.toNanos(JOB_TIMEOUT_SECONDS);
        while (true) {
            JsonObject execution = Calls.ok(operator.get("/api/v1/jobs/executions/" + id)).object();
            String status = execution.getString("status");
            if (ENDED.contains(status)) {
                double wall = (System.nanoTime() - start) / 1e9;
                if (!"COMPLETED".equals(status)) {
                    throw new IllegalStateException("job " + job + " ended " + status + ": " + execution);
                }
                return new Run(id, wall, execution);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("job " + job + " not ended after " + JOB_TIMEOUT_SECONDS + " s: " + execution);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** An export: its run, the server's heap around it (MB), the downloaded file and its records. */
    private record Export(String format, Run run, double baselineHeapMb, double baselineMeanHeapMb, double peakHeapMb,
                          double meanHeapMb, int heapSamples, double maxHeapMb, long gzipBytes, long bytes,
                          long counted, double downloadSeconds) {

        double recordsPerSec() {
            return run.step().getJsonNumber("writeCount").longValue() / run.wallSeconds();
        }

        jakarta.json.JsonObjectBuilder json() {
            return JSON.createObjectBuilder().add("executionId", run.id()).add("wallSeconds", round(run.wallSeconds(), 2))
                    .add("jobSeconds", round(run.jobSeconds(), 2))
                    .add("recordsWritten", run.written()).add("recordsPerSec", Math.round(recordsPerSec()))
                    .add("fileMbGzip", round(gzipBytes / 1048576.0, 1)).add("fileMbUncompressed", round(bytes / 1048576.0, 1))
                    .add("recordsInDownload", counted).add("downloadSeconds", round(downloadSeconds, 2))
                    .add("heapBaselinePeakMb", round(baselineHeapMb, 0)).add("heapBaselineMeanMb", round(baselineMeanHeapMb, 0))
                    .add("heapPeakMb", round(peakHeapMb, 0)).add("heapMeanMb", round(meanHeapMb, 0))
                    .add("heapSamples", heapSamples).add("heapMaxMb", round(maxHeapMb, 0));
        }

        @Override
        public String toString() {
            return String.format("%.1f s, %,.0f records/s, %.1f MB gzip, heap peak %.0f MB (baseline %.0f MB), %,d records downloaded",
                    run.wallSeconds(), recordsPerSec(), gzipBytes / 1048576.0, peakHeapMb, baselineHeapMb, counted);
        }
    }

    private static Export export(Api operator, String viewerKey, String format, Instant from, Instant to) throws Exception {
        double[] baseline = sampleHeap(TimeUnit.SECONDS.toMillis(BASELINE_SECONDS), null);
        AtomicBoolean running = new AtomicBoolean(true);
        double[][] during = new double[1][];
        Thread sampler = new Thread(() -> during[0] = sampleHeap(Long.MAX_VALUE, running), "heap-sampler");
        sampler.start();
        Run run;
        try {
            run = runJob(operator, "export", "{\"format\":\"" + format + "\",\"from\":\"" + from + "\",\"to\":\"" + to
                    + "\",\"chunkSize\":" + CHUNK + "}");
        } finally {
            running.set(false);
            sampler.join();
        }
        Files.createDirectories(DOWNLOADS);
        Path file = DOWNLOADS.resolve("export-" + format + ".gz");
        long start = System.nanoTime();
        HttpResponse<Path> reply = HTTP.send(HttpRequest.newBuilder(URI.create(Api.BASE + "/api/v1/exports/" + run.id()))
                .header("Authorization", "Bearer " + viewerKey).GET().build(), HttpResponse.BodyHandlers.ofFile(file));
        double downloadSeconds = (System.nanoTime() - start) / 1e9;
        if (reply.statusCode() != 200) {
            throw new IllegalStateException("export " + run.id() + " not downloaded: " + reply.statusCode() + " " + Files.readString(file));
        }
        long[] counted = count(file, format);
        double maxHeap = megabytes(MAX_HEAP, Calls.ok(Api.metrics()).body());
        Export export = new Export(format, run, max(baseline), mean(baseline), max(during[0]), mean(during[0]),
                during[0].length, maxHeap, Files.size(file), counted[1], counted[0], downloadSeconds);
        Files.delete(file);
        return export;
    }

    /** Records in the gzip file (CSV parsed with its header; JSON Lines by line) and its uncompressed bytes. */
    private static long[] count(Path file, String format) throws IOException {
        CountingStream bytes = new CountingStream(new GZIPInputStream(Files.newInputStream(file), 1 << 16));
        try (BufferedReader in = new BufferedReader(new InputStreamReader(bytes, StandardCharsets.UTF_8), 1 << 16)) {
            long records = 0;
            if (format.equals("csv")) {
                try (CSVParser parser = CSVParser.parse(in, CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build())) {
                    for (CSVRecord ignored : parser) {
                        records++;
                    }
                }
            } else {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (!line.isEmpty()) {
                        records++;
                    }
                }
            }
            return new long[] {records, bytes.count};
        }
    }

    /** Counts the bytes read through it. */
    private static final class CountingStream extends java.io.FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }

    /** The server's used heap (MB) every {@value #HEAP_SAMPLE_MILLIS} ms, for {@code millis} or while {@code running}. */
    private static double[] sampleHeap(long millis, AtomicBoolean running) {
        List<Double> samples = new ArrayList<>();
        long end = millis == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        long next = System.nanoTime();
        do {
            samples.add(megabytes(USED_HEAP, Calls.ok(Api.metrics()).body()));
            next += TimeUnit.MILLISECONDS.toNanos(HEAP_SAMPLE_MILLIS);
            long wait = next - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
        } while (System.nanoTime() < end && (running == null || running.get()));
        return samples.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double megabytes(Pattern metric, String prometheus) {
        Matcher m = metric.matcher(prometheus);
        if (!m.find()) {
            throw new IllegalStateException("no " + metric + " in /metrics");
        }
        return Double.parseDouble(m.group(1)) / 1048576.0;
    }

    private static double max(double[] values) {
        double max = 0;
        for (double v : values) {
            max = Math.max(max, v);
        }
        return max;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return values.length == 0 ? 0 : sum / values.length;
    }

    private static String table(JsonObject r) {
        JsonObject machine = r.getJsonObject("machine");
        StringBuilder table = new StringBuilder(String.format("%nBatch jobs benchmark, %s, %d cores, Java %s%n",
                machine.getString("date"), machine.getInt("cores"), machine.getString("java")));
        String row = "%-58s %s%n";
        table.append(String.format(row, "Records of " + PROMPTS + " prompts on " + r.getString("day") + " (batch ingest, "
                        + THREADS + " clients)", String.format("%,d at %,.0f records/s; rollups caught up %.1f s later",
                r.getJsonNumber("recordsStored").longValue(), n(r, "ingestRecordsPerSec"), n(r, "rollupDrainSeconds"))));
        JsonArray runs = r.getJsonArray("dailyReportAllPrompts");
        for (int i = 0; i < runs.size(); i++) {
            JsonObject run = runs.getJsonObject(i);
            table.append(String.format(row, "Daily report, all prompts, run " + (i + 1) + ": wall / job / step (s)", String.format(
                    "%.2f / %.2f / %.2f  (%.2f of the 5 s target); %d reports, %.3f s each", n(run, "wallSeconds"),
                    n(run, "jobSeconds"), n(run, "stepSeconds"), n(run, "toTarget"), run.getInt("written"),
                    n(run, "stepSecondsPerItem"))));
        }
        JsonObject one = r.getJsonObject("dailyReportOnePrompt");
        table.append(String.format(row, "Daily report, one prompt: wall / job / step (s)", String.format(
                "%.2f / %.2f / %.2f  (%.2f of the 5 s target)", n(one, "wallSeconds"), n(one, "jobSeconds"),
                n(one, "stepSeconds"), n(one, "toTarget"))));
        r.getJsonObject("exports").forEach((format, value) -> {
            JsonObject e = value.asJsonObject();
            table.append(String.format(row, "Export " + format + ": wall time, throughput", String.format(
                    "%.1f s, %,.0f records/s (%,d records, chunks of %d)", n(e, "wallSeconds"), n(e, "recordsPerSec"),
                    e.getJsonNumber("recordsWritten").longValue(), CHUNK)));
            table.append(String.format(row, "Export " + format + ": file, gzip / uncompressed (MB)", String.format(
                    "%.1f / %.1f; downloaded in %.1f s, %,d records in it", n(e, "fileMbGzip"), n(e, "fileMbUncompressed"),
                    n(e, "downloadSeconds"), e.getJsonNumber("recordsInDownload").longValue())));
            table.append(String.format(row, "Export " + format + ": server heap used, peak / mean (MB)", String.format(
                    "%.0f / %.0f during (%d samples); %.0f / %.0f in the %d s before; max heap %.0f",
                    n(e, "heapPeakMb"), n(e, "heapMeanMb"), e.getInt("heapSamples"), n(e, "heapBaselinePeakMb"),
                    n(e, "heapBaselineMeanMb"), BASELINE_SECONDS, n(e, "heapMaxMb"))));
        });
        return table.toString();
    }

    private static double n(JsonObject figures, String key) {
        return figures.getJsonNumber(key).doubleValue();
    }

    private static double ratio(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
