package io.promptwatch.it;

import static io.promptwatch.it.Fixtures.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The archive and restore jobs on the real server, through /api/v1/jobs: records of two past months
 * leave the execution table for one gzip JSON Lines part per month with a manifest (counts, ids and
 * SHA-256 checked here with the JDK's own gunzip and digest), the metrics API answers the same before
 * and after, restore brings every record back as it was (twice: nothing doubled), an archive run after
 * a restore writes no second part (the restored rows have their old ids, which the first part holds),
 * a part that differs from its manifest fails the restore and inserts nothing, and an archive stopped
 * mid-way and restarted moves each record exactly once. Each run is limited to the test's own prompt.
 */
@ExtendWith(ArquillianExtension.class)
class ArchiveIT {

    private static final Set<String> ENDED = Set.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED");

    private static Api viewer;
    private static Api operator;
    private static Api ingest;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Api.ear();
    }

    @BeforeAll
    static void keys() {
        viewer = Api.as(Api.newKey("viewer"));
        operator = Api.as(Api.newKey("operator"));
        ingest = Api.as(Api.newKey("ingest"));
    }

    @Test
    void archivedMonthsLeaveTheTableKeepTheirMetricsAndComeBackOnce() throws Exception {
        String prompt = Fixtures.activePrompt(operator, "raw");
        YearMonth current = YearMonth.now(ZoneOffset.UTC);
        YearMonth older = current.minusMonths(2);
        YearMonth old = current.minusMonths(1);
        Instant horizon = start(current);
        // Day 20 onwards: at most 72 days back, inside the 24h window's 90 days of buckets, whatever today is.
        List<String> olderIds = store(prompt, 150, start(older).plus(Duration.ofDays(19)));
        List<String> oldIds = store(prompt, 120, start(old).plus(Duration.ofDays(19)));
        // A record of this month: it stays, and it (not an archived one) is the newest record of the table.
        List<String> hot = store(prompt, 1, Instant.now().minusSeconds(60));
        Fixtures.awaitRolledUp(viewer);

        Map<String, JsonObject> before = fromApi(prompt);
        assertEquals(271, before.size());
        String range = "promptId=" + prompt + "&from=" + start(older) + "&to=" + horizon;
        JsonObject metrics = metrics("/api/v1/metrics?window=24h&" + range);
        JsonObject versions = metrics("/api/v1/metrics/versions?" + range);
        assertEquals(270, metrics.getJsonArray("buckets").stream()
                .mapToLong(b -> b.asJsonObject().getJsonObject("metrics").getJsonNumber("executions").longValue()).sum(), metrics::toString);

        JsonObject done = awaitEnd(started(operator.post("/api/v1/jobs/archive",
                "{\"promptId\":\"" + prompt + "\",\"before\":\"" + horizon + "\"}")), "COMPLETED");
        assertEquals(2, step(done, "archive-months").getJsonNumber("writeCount").longValue(), "one item per prompt-month: " + done);
        assertEquals(new HashSet<>(hot), fromApi(prompt).keySet(), "only this month's record is left");

        ArchiveManifestView olderPart = part(prompt, older, 1);
        ArchiveManifestView oldPart = part(prompt, old, 1);
        assertEquals(150, olderPart.manifest().getJsonNumber("records").longValue());
        assertEquals(120, oldPart.manifest().getJsonNumber("records").longValue());
        assertEquals(new HashSet<>(olderIds), olderPart.executionIds());
        assertEquals(new HashSet<>(oldIds), oldPart.executionIds());
        assertTrue(olderPart.manifest().getJsonNumber("lastId").longValue() < oldPart.manifest().getJsonNumber("firstId").longValue(),
                "records were stored month by month, so their ids are in that order");
        assertFalse(Files.exists(dir(prompt, old).resolve("part-002.jsonl.gz")));

        assertEquals(metrics, metrics("/api/v1/metrics?window=24h&" + range), "the rollups stay: metrics unchanged");
        assertSameTable(versions, metrics("/api/v1/metrics/versions?" + range));

        // Restore: every record back exactly as the API showed it, the metrics still unchanged.
        assertTrue(restore(prompt, older, "COMPLETED").startsWith("restored 150 of 150 "));
        assertTrue(restore(prompt, old, "COMPLETED").startsWith("restored 120 of 120 "));
        assertEquals(before, fromApi(prompt));
        Thread.sleep(3_000); // three rollup intervals: a restored record re-read would show now
        Fixtures.awaitRolledUp(viewer);
        assertEquals(metrics, metrics("/api/v1/metrics?window=24h&" + range), "restored records are not rolled up again");
        assertSameTable(versions, metrics("/api/v1/metrics/versions?" + range));

        // A second restore inserts nothing.
        assertTrue(restore(prompt, older, "COMPLETED").startsWith("restored 0 of 150 "));
        assertEquals(before.keySet(), fromApi(prompt).keySet());

        // Archiving again writes no second part: the restored rows have their old ids, which part 1 holds.
        awaitEnd(started(operator.post("/api/v1/jobs/archive", "{\"promptId\":\"" + prompt + "\",\"before\":\"" + horizon + "\"}")),
                "COMPLETED");
        assertEquals(new HashSet<>(hot), fromApi(prompt).keySet());
        assertFalse(Files.exists(dir(prompt, older).resolve("part-002.jsonl.gz")));
        assertFalse(Files.exists(dir(prompt, old).resolve("part-002.jsonl.gz")));
        assertEquals(metrics, metrics("/api/v1/metrics?window=24h&" + range));

        // A part that differs from its manifest: the restore fails, saying so, and inserts nothing.
        Path file = dir(prompt, old).resolve("part-001.jsonl.gz");
        byte[] original = Files.readAllBytes(file);
        byte[] changed = original.clone();
        changed[changed.length / 2] ^= 1;
        Files.write(file, changed);
        String refused = restore(prompt, old, "FAILED");
        assertTrue(refused.contains("does not match its manifest"), refused);
        assertEquals(new HashSet<>(hot), fromApi(prompt).keySet(), "nothing restored");
        Files.write(file, original);
        assertTrue(restore(prompt, old, "COMPLETED").startsWith("restored 120 of 120 "));
        assertEquals(oldIds.size() + 1, fromApi(prompt).size());

        // Refusals before anything runs.
        assertProblem(operator.post("/api/v1/jobs/restore", "{\"promptId\":\"" + prompt + "\",\"month\":\"2026-13\"}"), "month");
        assertProblem(operator.post("/api/v1/jobs/restore", "{\"promptId\":\"" + prompt + "\"}"), "month");
        assertProblem(operator.post("/api/v1/jobs/restore", "{\"month\":\"2026-01\"}"), "promptId");
        assertProblem(operator.post("/api/v1/jobs/archive", "{\"before\":\"last month\"}"), "before");
        assertEquals(403, viewer.post("/api/v1/jobs/restore", "{\"promptId\":\"" + prompt + "\",\"month\":\"2026-01\"}").status());
        String none = restore(prompt, current.minusYears(3), "FAILED");
        assertTrue(none.startsWith("no archive of " + prompt), none);
    }

    @Test
    void aStoppedArchiveRestartsAndMovesEachRecordOnce() throws Exception {
        String prompt = Fixtures.activePrompt(operator, null);
        YearMonth current = YearMonth.now(ZoneOffset.UTC);
        int months = 6;
        int perMonth = 300;
        Set<String> stored = new HashSet<>();
        for (int m = months; m >= 1; m--) {
            stored.addAll(store(prompt, perMonth, start(current.minusMonths(m)).plus(Duration.ofDays(9))));
        }
        store(prompt, 1, Instant.now().minusSeconds(60));
        Fixtures.awaitRolledUp(viewer);
        Instant horizon = start(current);

        // One row per delete transaction: slow enough to stop between two months.
        long first = started(operator.post("/api/v1/jobs/archive",
                "{\"promptId\":\"" + prompt + "\",\"before\":\"" + horizon + "\",\"batchSize\":1}"));
        Path firstManifest = dir(prompt, current.minusMonths(months)).resolve("part-001.manifest.json");
        Server.await(Duration.ofSeconds(120), "the first month's manifest", () -> Files.exists(firstManifest));
        expect(202, operator.post("/api/v1/jobs/executions/" + first + "/stop", null));
        JsonObject stopped = awaitEnd(first, "STOPPED");
        long unitsBefore = step(stopped, "archive-months").getJsonNumber("writeCount").longValue();
        assertTrue(unitsBefore >= 1 && unitsBefore < months, "stopped mid-way: " + stopped);
        int left = fromApi(prompt).size() - 1;
        assertTrue(left > 0 && left < months * perMonth, "some records archived, some not: " + left);
        assertEquals(months * perMonth, left + archivedRecords(prompt).size(), "every record in the table or in a part");

        long second = started(operator.post("/api/v1/jobs/executions/" + first + "/restart", "{\"batchSize\":500}"));
        JsonObject done = awaitEnd(second, "COMPLETED");
        assertEquals("500", done.getJsonObject("parameters").getString("batchSize"));
        assertEquals(1, fromApi(prompt).size(), "only this month's record is left");
        List<String> archived = archivedRecords(prompt);
        assertEquals(months * perMonth, archived.size(), "each record once in the parts");
        assertEquals(stored, new HashSet<>(archived));
        for (int m = months; m >= 1; m--) {
            assertEquals(perMonth, part(prompt, current.minusMonths(m), 1).manifest().getJsonNumber("records").longValue());
            assertFalse(Files.exists(dir(prompt, current.minusMonths(m)).resolve("part-002.jsonl.gz")), "one part per month");
        }
    }

    // ---- files ----

    private record ArchiveManifestView(JsonObject manifest, Set<String> executionIds) {
    }

    private static Path dir(String prompt, YearMonth month) {
        return Path.of(System.getProperty("promptwatch.data.dir"), "archives", prompt, month.toString());
    }

    /** A part and its manifest, checked against each other with the JDK's gunzip and SHA-256. */
    private static ArchiveManifestView part(String prompt, YearMonth month, int part) throws Exception {
        Path directory = dir(prompt, month);
        String name = String.format("part-%03d", part);
        JsonObject manifest = Json.createReader(new StringReader(Files.readString(directory.resolve(name + ".manifest.json")))).readObject();
        Path file = directory.resolve(name + ".jsonl.gz");
        assertEquals(prompt, manifest.getString("promptId"));
        assertEquals(month.toString(), manifest.getString("month"));
        assertEquals(file.getFileName().toString(), manifest.getString("file"));
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))),
                manifest.getString("sha256"));
        Instant.parse(manifest.getString("createdAt"));
        List<JsonObject> lines = lines(file);
        assertEquals(manifest.getJsonNumber("records").longValue(), lines.size());
        assertEquals(manifest.getJsonNumber("firstId").longValue(), lines.get(0).getJsonNumber("id").longValue());
        assertEquals(manifest.getJsonNumber("lastId").longValue(), lines.get(lines.size() - 1).getJsonNumber("id").longValue());
        Set<String> ids = new HashSet<>();
        long previous = 0;
        for (JsonObject line : lines) {
            long id = line.getJsonNumber("id").longValue();
            assertTrue(id > previous, "ids ascending");
            previous = id;
            assertTrue(ids.add(line.getString("executionId")));
            Instant at = Instant.parse(line.getString("timestamp"));
            assertEquals(month, YearMonth.from(at.atZone(ZoneOffset.UTC)));
        }
        return new ArchiveManifestView(manifest, ids);
    }

    /** The execution ids in every part of the prompt's archive (each as often as it is there). */
    private static List<String> archivedRecords(String prompt) throws IOException {
        List<String> ids = new ArrayList<>();
        Path root = Path.of(System.getProperty("promptwatch.data.dir"), "archives", prompt);
        if (!Files.isDirectory(root)) {
            return ids;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path manifest : files.filter(f -> f.getFileName().toString().endsWith(".manifest.json")).toList()) {
                Path file = manifest.resolveSibling(manifest.getFileName().toString().replace(".manifest.json", ".jsonl.gz"));
                lines(file).forEach(l -> ids.add(l.getString("executionId")));
            }
        }
        return ids;
    }

    private static List<JsonObject> lines(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(l -> Json.createReader(new StringReader(l)).readObject()).toList();
        }
    }

    // ---- records and metrics over HTTP ----

    private static Instant start(YearMonth month) {
        return month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static List<String> store(String prompt, int n, Instant start) {
        List<String> ids = new ArrayList<>();
        for (int sent = 0; sent < n; sent += 200) {
            int size = Math.min(200, n - sent);
            JsonArrayBuilder batch = Json.createArrayBuilder();
            for (int i = 0; i < size; i++) {
                String id = Api.unique("ar");
                ids.add(id);
                int k = sent + i;
                JsonObjectBuilder record = Fixtures.record(id, prompt, start.plus(Duration.ofMinutes(k)))
                        .add("latencyMs", 100 + k * 0.25);
                if (k % 3 == 0) {
                    record.add("success", false).add("errorType", "timeout").add("errorMessage", "slow " + k);
                }
                if (k % 4 == 0) {
                    record.remove("userFeedback");
                }
                batch.add(record);
            }
            Api.Reply reply = expect(200, ingest.post("/api/v1/executions/batch", batch.build().toString()));
            assertTrue(reply.array().stream().allMatch(r -> r.asJsonObject().getString("status").equals("accepted")), reply::toString);
        }
        return ids;
    }

    private static Map<String, JsonObject> fromApi(String prompt) {
        Map<String, JsonObject> records = new LinkedHashMap<>();
        String cursor = null;
        do {
            JsonObject page = expect(200, viewer.get("/api/v1/executions?limit=500&promptId=" + prompt
                    + (cursor == null ? "" : "&cursor=" + cursor))).object();
            page.getJsonArray("items").forEach(i -> records.put(i.asJsonObject().getString("executionId"), i.asJsonObject()));
            cursor = page.containsKey("nextCursor") && !page.isNull("nextCursor") ? page.getString("nextCursor") : null;
        } while (cursor != null);
        return records;
    }

    /** A metrics answer without what moves with the clock (where the window's kept buckets begin). */
    private static JsonObject metrics(String path) {
        JsonObject answer = expect(200, viewer.get(path)).object();
        return Json.createObjectBuilder(answer).remove("retainedFrom").build();
    }

    private static final List<String> PERCENTILES = List.of("latencyP50Ms", "latencyP95Ms", "latencyP99Ms");

    /**
     * The versions table before and after: every figure equal but the latency percentiles, which the table
     * merges from the buckets' KLL sketches at each query; KLL compaction picks a random offset, so two
     * identical queries over more than k = 200 records may differ (seen: p50 116.75 and 116.5). They must
     * agree within the sketch's rank error: DataSketches documents 1.65 % normalized rank error for k = 200
     * (99 % confidence), twice that between two answers is 9 of the 270 ranks, and the test's latencies are
     * 0.25 ms apart in each month, so at most 9 x 0.25 = 2.25 ms apart.
     */
    private static void assertSameTable(JsonObject expected, JsonObject actual) {
        assertEquals(withoutPercentiles(expected), withoutPercentiles(actual));
        JsonObject before = expected.getJsonArray("rows").getJsonObject(0).getJsonObject("metrics");
        JsonObject after = actual.getJsonArray("rows").getJsonObject(0).getJsonObject("metrics");
        for (String p : PERCENTILES) {
            assertEquals(before.getJsonNumber(p).doubleValue(), after.getJsonNumber(p).doubleValue(), 2.25, p);
        }
    }

    private static JsonObject withoutPercentiles(JsonObject table) {
        var rows = Json.createArrayBuilder();
        for (JsonValue row : table.getJsonArray("rows")) {
            var metrics = Json.createObjectBuilder(row.asJsonObject().getJsonObject("metrics"));
            PERCENTILES.forEach(metrics::remove);
            rows.add(Json.createObjectBuilder(row.asJsonObject()).add("metrics", metrics));
        }
        return Json.createObjectBuilder(table).add("rows", rows).build();
    }

    // ---- jobs over HTTP ----

    private static String restore(String prompt, YearMonth month, String status) {
        long id = started(operator.post("/api/v1/jobs/restore", "{\"promptId\":\"" + prompt + "\",\"month\":\"" + month + "\"}"));
        return awaitEnd(id, status).getString("exitStatus");
    }

    private static long started(Api.Reply reply) {
        expect(202, reply);
        return reply.object().getJsonNumber("executionId").longValue();
    }

    private static JsonObject awaitEnd(long id, String status) {
        JsonObject[] last = new JsonObject[1];
        Server.await(Duration.ofMinutes(5), "execution " + id + " ends", () -> {
            last[0] = expect(200, viewer.get("/api/v1/jobs/executions/" + id)).object();
            return ENDED.contains(last[0].getString("status"));
        });
        assertEquals(status, last[0].getString("status"), last[0]::toString);
        return last[0];
    }

    private static JsonObject step(JsonObject execution, String name) {
        return execution.getJsonArray("steps").stream().map(JsonValue::asJsonObject).filter(s -> s.getString("name").equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no step " + name + ": " + execution));
    }

    private static void assertProblem(Api.Reply reply, String field) {
        assertEquals(400, reply.status(), reply::toString);
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply::toString);
        assertEquals(field, reply.object().getString("field", null), reply::toString);
    }
}
