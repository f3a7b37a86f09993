package io.promptwatch.it;

import static io.promptwatch.it.Fixtures.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The batch jobs on the real server, started and watched through /api/v1/jobs only: backup (while
 * ingest goes on; the backup restored into a fresh data directory starts a server holding every
 * record acknowledged before it), maintenance, export (CSV and JSON Lines read back and compared
 * field by field with what the executions API answers for the same records), an export stopped
 * mid-way and restarted (each record once in the file), refusals as problems, and the server's own
 * batch tooling ({@code asadmin list-batch-job-executions}) listing an execution. On the PostgreSQL pass
 * the backup is PostgreSQL's (every table in COPY's text format, the schema and a psql script), restored with
 * {@code psql} into the application's database, emptied; maintenance runs there as VACUUM and ANALYZE.
 */
@ExtendWith(ArquillianExtension.class)
class BatchJobsIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final Set<String> INSTANTS = Set.of("timestamp", "feedbackAt", "receivedAt");
    private static final String AWKWARD = "end\n\\.\nof data\r\n\tand \\N";
    /** As the export writes CSV: with it an unquoted empty field reads as null and a quoted "" as an empty text. */
    private static final CSVFormat CSV = CSVFormat.RFC4180.builder().setQuoteMode(QuoteMode.ALL_NON_NULL)
            .setHeader().setSkipHeaderRecord(true).get();

    private static String viewerKey;
    private static Api viewer;
    private static Api operator;
    private static Api ingest;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Api.ear();
    }

    @BeforeAll
    static void keys() {
        viewerKey = Api.newKey("viewer");
        viewer = Api.as(viewerKey);
        operator = Api.as(Api.newKey("operator"));
        ingest = Api.as(Api.newKey("ingest"));
    }

    @Test
    void anExportHoldsExactlyTheSelectedRecords() throws IOException {
        String prompt = Fixtures.activePrompt(operator, "raw");
        Instant start = Instant.now().minus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        List<String> ids = store(prompt, 120, start);

        long csv = started(operator.post("/api/v1/jobs/export", "{\"promptId\":\"" + prompt + "\",\"chunkSize\":25}"));
        JsonObject done = JobRuns.awaitEnd(viewer, csv, "COMPLETED");
        JsonObject step = JobRuns.step(done, "write-records");
        assertEquals(120, step.getJsonNumber("readCount").longValue(), done::toString);
        assertEquals(120, step.getJsonNumber("writeCount").longValue(), done::toString);
        assertTrue(step.getJsonNumber("commitCount").longValue() >= 5, done::toString);
        assertEquals("csv", done.getJsonObject("parameters").getString("format"));

        Map<String, JsonObject> expected = fromApi(prompt);
        assertEquals(new HashSet<>(ids), expected.keySet());
        List<CSVRecord> rows = csvRows(download(csv));
        assertEquals(120, rows.size());
        Set<String> seen = new HashSet<>();
        for (CSVRecord row : rows) {
            String id = row.get("executionId");
            assertTrue(seen.add(id), "twice in the export: " + id);
            JsonObject record = expected.get(id);
            assertNotNull(record, "not a record of the selection: " + id);
            for (String column : row.getParser().getHeaderNames()) {
                assertSame(record.get(column), row.get(column), id + "." + column);
            }
            assertTrue(row.getParser().getHeaderNames().containsAll(record.keySet()), "the export has every field of the API");
        }

        // JSON Lines of a window of the same records: from is included, to is not (records are a minute apart).
        Instant from = start.plus(Duration.ofMinutes(30));
        Instant to = start.plus(Duration.ofMinutes(60));
        long jsonl = started(operator.post("/api/v1/jobs/export", "{\"promptId\":\"" + prompt + "\",\"format\":\"jsonl\","
                + "\"from\":\"" + from + "\",\"to\":\"" + to + "\"}"));
        JobRuns.awaitEnd(viewer, jsonl, "COMPLETED");
        String[] lines = gunzip(download(jsonl)).split("\n");
        assertEquals(30, lines.length);
        for (String line : lines) {
            JsonObject exported = Json.createReader(new StringReader(line)).readObject();
            JsonObject record = expected.get(exported.getString("executionId"));
            Instant at = Instant.parse(record.getString("timestamp"));
            assertTrue(!at.isBefore(from) && at.isBefore(to), at::toString);
            for (String field : record.keySet()) {
                assertSameJson(record.get(field), exported.get(field), field);
            }
        }
    }

    @Test
    void aStoppedExportRestartsWhereItStoppedAndHoldsEachRecordOnce() throws IOException {
        String prompt = Fixtures.activePrompt(operator, null);
        int n = 3000;
        List<String> ids = store(prompt, n, Instant.now().minus(Duration.ofHours(60)));
        long first = started(operator.post("/api/v1/jobs/export", "{\"promptId\":\"" + prompt + "\",\"chunkSize\":1}"));
        // The runtime stores a step's counts when the step ends, so progress is watched on disk: the file grows a gzip member per chunk.
        long instance = viewer.get("/api/v1/jobs/executions/" + first).object().getJsonNumber("instanceId").longValue();
        Path partial = Path.of(System.getProperty("promptwatch.data.dir"), "exports", "export-" + instance + ".csv.gz.part");
        Server.await(Duration.ofSeconds(60), "the export wrote its first records", () -> {
            try {
                return Files.size(partial) > 2_000;
            } catch (IOException notYet) {
                return false;
            }
        });
        // Meanwhile the execution says how far its step has come: of the 3000 records selected at its start, those
        // written by its last checkpoint.
        JsonObject running = viewer.get("/api/v1/jobs/executions/" + first).object();
        if (running.getString("status").equals("STARTED")) {
            JsonObject progress = running.getJsonObject("progress");
            assertEquals("write-records", progress.getString("step"), running::toString);
            assertEquals(n, progress.getJsonNumber("total").longValue(), running::toString);
            long done = progress.getJsonNumber("done").longValue();
            assertTrue(done > 0 && done <= n, running::toString);
        }
        expect(202, operator.post("/api/v1/jobs/executions/" + first + "/stop", null));
        JsonObject stopped = JobRuns.awaitEnd(viewer, first, "STOPPED");
        JsonObject ended = viewer.get("/api/v1/jobs/executions/" + first).object();
        assertTrue(!ended.containsKey("progress") || ended.isNull("progress"), "a step that ended has no progress: " + ended);
        long writtenBefore = JobRuns.step(stopped, "write-records").getJsonNumber("writeCount").longValue();
        assertTrue(writtenBefore > 0 && writtenBefore < n, "the stop came mid-way: " + stopped);
        assertEquals(409, operator.get("/api/v1/exports/" + first).status(), "a stopped export has no file to download");

        long second = started(operator.post("/api/v1/jobs/executions/" + first + "/restart", "{\"chunkSize\":500}"));
        JsonObject done = JobRuns.awaitEnd(viewer, second, "COMPLETED");
        assertEquals(n - writtenBefore, JobRuns.step(done, "write-records").getJsonNumber("readCount").longValue(),
                "the restart read on from the checkpoint: " + done);
        assertEquals("500", done.getJsonObject("parameters").getString("chunkSize"));

        List<CSVRecord> rows = csvRows(download(second));
        List<String> exported = rows.stream().map(r -> r.get("executionId")).toList();
        assertEquals(n, exported.size(), "each record once");
        assertEquals(new HashSet<>(ids), new HashSet<>(exported));
        // Both executions name the same file.
        assertEquals(n, csvRows(download(first)).size());
    }

    @Test
    void backupWhileIngestGoesOnAndMaintenanceComplete() throws Exception {
        String prompt = Fixtures.activePrompt(operator, null);
        store(prompt, 50, Instant.now().minus(Duration.ofHours(1)));
        AtomicBoolean ingesting = new AtomicBoolean(true);
        AtomicInteger during = new AtomicInteger();
        Thread writer = new Thread(() -> {
            while (ingesting.get()) {
                expect(200, ingest.post("/api/v1/executions/batch", batch(prompt, 20, Instant.now().minusSeconds(60), null)));
                during.addAndGet(20);
            }
        });
        writer.start();
        long backup;
        JsonObject done;
        String backupEnd = "COMPLETED";
        try {
            backup = started(operator.post("/api/v1/jobs/backup", null));
            done = JobRuns.awaitEnd(viewer, backup, backupEnd);
        } finally {
            ingesting.set(false);
            writer.join();
        }
        assertTrue(during.get() > 0, "ingest went on during the backup");
        Path zip = Path.of(System.getProperty("promptwatch.data.dir"), "backups", done.getString("exitStatus"));
        assertTrue(Files.isRegularFile(zip), zip::toString);
        Set<String> entries = zipEntries(zip);
        if (Server.onPostgres()) {
            assertTrue(entries.containsAll(Set.of("postgresql/restore.sql", "postgresql/schema/V1__foundation.sql",
                    "postgresql/data/execution.tsv", "postgresql/data/flyway_schema_history.tsv")), entries::toString);
        } else {
            assertTrue(entries.contains("derby/service.properties") && entries.stream().anyMatch(e -> e.startsWith("derby/seg0/"))
                    && entries.stream().anyMatch(e -> e.startsWith("derby/log/")), "a Derby database with its log: " + entries.size());
        }

        long maintenance = started(operator.post("/api/v1/jobs/maintenance", "{}"));
        JsonObject maintained = JobRuns.awaitEnd(viewer, maintenance, "COMPLETED");
        List<String> steps = maintained.getJsonArray("steps").stream().map(s -> s.asJsonObject().getString("name")).toList();
        assertEquals(List.of("compress-tables", "update-statistics", "purge-leases", "purge-reports"), steps);
        assertTrue(JobRuns.step(maintained, "compress-tables").getString("exitStatus").startsWith("compressed 6 tables"), maintained::toString);

        // The server's own batch tooling lists the executions the API started.
        String listed = Server.asadmin("list-batch-job-executions", "--executionid", Long.toString(backup));
        assertTrue(listed.contains("backup") && listed.contains(backupEnd), listed);
        String jobs = Server.asadmin("list-batch-jobs");
        assertTrue(jobs.contains("backup") && jobs.contains("maintenance"), jobs);

        // The job list: schedules from the settings (none fires on this server), latest executions.
        Map<String, JsonObject> byName = new HashMap<>();
        viewer.get("/api/v1/jobs").array().forEach(j -> byName.put(j.asJsonObject().getString("name"), j.asJsonObject()));
        assertEquals(Set.of("backup", "maintenance", "export", "daily-report", "comprehensive-report", "archive", "restore"), byName.keySet());
        assertEquals("0 6 * * *", byName.get("daily-report").getString("schedule"));
        assertEquals("30 6 * * MON", byName.get("comprehensive-report").getString("schedule"));
        assertEquals("0 2 * * *", byName.get("backup").getString("schedule"));
        assertTrue(Instant.parse(byName.get("backup").getString("nextRun")).isAfter(Instant.now()));
        assertEquals("0 3 * * SUN", byName.get("maintenance").getString("schedule"));
        assertTrue(!byName.get("export").containsKey("schedule") || byName.get("export").isNull("schedule"));
        assertEquals(maintenance, byName.get("maintenance").getJsonObject("lastExecution").getJsonNumber("id").longValue());
        List<Long> newestFirst = viewer.get("/api/v1/jobs/executions?status=COMPLETED").array().stream()
                .map(e -> e.asJsonObject().getJsonNumber("id").longValue()).toList();
        assertEquals(maintenance, newestFirst.get(0));
        assertTrue(newestFirst.contains(backup), newestFirst::toString);
        assertEquals(List.of(backup), viewer.get("/api/v1/jobs/executions?name=backup&limit=1").array().stream()
                .map(e -> e.asJsonObject().getJsonNumber("id").longValue()).toList());
    }

    @Test
    void aBackupRestoredIntoAFreshDataDirectoryStartsAServerHoldingEveryRecord() throws Exception {
        assumeFalse(Server.onPostgres(), "PostgreSQL: aPostgresBackupRestoredWithPsqlStartsAServerHoldingEveryRecord");
        String prompt = Fixtures.activePrompt(operator, null);
        List<String> before = new ArrayList<>(store(prompt, 100, Instant.now().minus(Duration.ofHours(3))));
        String awkward = storeAwkward(prompt);
        before.add(awkward);
        JsonObject done = JobRuns.awaitEnd(viewer, started(operator.post("/api/v1/jobs/backup", null)), "COMPLETED");
        Path zip = Path.of(System.getProperty("promptwatch.data.dir"), "backups", done.getString("exitStatus"));
        List<String> after = store(prompt, 10, Instant.now().minus(Duration.ofMinutes(30)));

        // README "Reports and archives": stop the server, put the live database aside, unzip the backup into the data directory, start.
        Path live = Server.DATABASE;
        Path aside = live.resolveSibling("derby-before-restore");
        Server.stop();
        try {
            Files.move(live, aside);
            unzip(zip, live.getParent());
            Server.start(viewerKey, "/api/v1/prompts/" + prompt);
            assertHoldsTheRecordsOfTheBackup(prompt, before, after);
            assertEquals(AWKWARD, viewer.get("/api/v1/executions/" + awkward).object().getString("errorMessage"));
        } finally {
            // The live database back, for the tests after this one.
            try {
                Server.stop();
            } catch (IllegalStateException notRunning) {
                // it did not start
            }
            deleteTree(live);
            Files.move(aside, live);
            Server.start(viewerKey, "/api/v1/prompts/" + prompt);
        }
        assertEquals(before.size() + after.size(), fromApi(prompt).size());
    }

    /**
     * README "Reports and archives", on PostgreSQL: the server stopped, the database put aside (renamed),
     * an empty one of the same name, the backup's restore.sql run by psql in the unzipped folder, the
     * server started on it. Needs Debian's postgresql-client (.ci/run installs it; without psql on the
     * PATH the test says so and is skipped).
     */
    @Test
    void aPostgresBackupRestoredWithPsqlStartsAServerHoldingEveryRecord() throws Exception {
        assumeTrue(Server.onPostgres(), "Derby: aBackupRestoredIntoAFreshDataDirectoryStartsAServerHoldingEveryRecord");
        assumeTrue(onPath("psql"), "SKIPPED LOUDLY: psql is not on the PATH; the PostgreSQL restore needs it"
                + " (apt-get install -y postgresql-client; .ci/run installs it)");
        String prompt = Fixtures.activePrompt(operator, null);
        List<String> before = new ArrayList<>(store(prompt, 100, Instant.now().minus(Duration.ofHours(3))));
        String awkward = storeAwkward(prompt);
        before.add(awkward);
        JsonObject done = JobRuns.awaitEnd(viewer, started(operator.post("/api/v1/jobs/backup", null)), "COMPLETED");
        Path zip = Path.of(System.getProperty("promptwatch.data.dir"), "backups", done.getString("exitStatus"));
        List<String> after = store(prompt, 10, Instant.now().minus(Duration.ofMinutes(30)));
        Path unzipped = Files.createTempDirectory("promptwatch-restore");
        unzip(zip, unzipped);

        Server.stop();
        Server.postgresAdmin("ALTER DATABASE promptwatch RENAME TO promptwatch_before_restore",
                "CREATE DATABASE promptwatch OWNER promptwatch");
        try {
            Process psql = new ProcessBuilder("psql", "-v", "ON_ERROR_STOP=1", "--single-transaction", "-q",
                    "-d", "postgresql://promptwatch@localhost:" + Server.postgresPort() + "/promptwatch", "-f", "restore.sql")
                    .directory(unzipped.resolve("postgresql").toFile()).redirectErrorStream(true).start();
            String output = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, psql.waitFor(), output);
            Server.start(viewerKey, "/api/v1/prompts/" + prompt);
            assertHoldsTheRecordsOfTheBackup(prompt, before, after);
            assertEquals(AWKWARD, viewer.get("/api/v1/executions/" + awkward).object().getString("errorMessage"));
            // Identities go on after the restored rows: a new record is stored and read back.
            List<String> more = store(prompt, 1, Instant.now().minus(Duration.ofMinutes(5)));
            expect(200, viewer.get("/api/v1/executions/" + more.get(0)));
        } finally {
            try {
                Server.stop();
            } catch (IllegalStateException notRunning) {
                // it did not start
            }
            Server.postgresAdmin("DROP DATABASE IF EXISTS promptwatch",
                    "ALTER DATABASE promptwatch_before_restore RENAME TO promptwatch");
            Server.start(viewerKey, "/api/v1/prompts/" + prompt);
            deleteTree(unzipped);
        }
        assertEquals(before.size() + after.size(), fromApi(prompt).size());
    }

    /**
     * Stores a record whose message holds what a data file must carry through: a line "\." ended psql's
     * \copy of a CSV file early (the PostgreSQL backup's data is COPY's text format since), and tabs,
     * line ends and backslashes are that format's own characters.
     */
    private static String storeAwkward(String prompt) {
        String id = Api.unique("awkward");
        expect(201, ingest.post("/api/v1/executions", Fixtures.record(id, prompt, Instant.now().minus(Duration.ofHours(2)))
                .add("success", false).add("errorType", "timeout").add("errorMessage", AWKWARD).build().toString()));
        return id;
    }

    /** The restored server holds the prompt's records stored before the backup, and none of those stored after it. */
    private static void assertHoldsTheRecordsOfTheBackup(String prompt, List<String> before, List<String> after) {
        for (String id : before) {
            expect(200, viewer.get("/api/v1/executions/" + id));
        }
        for (String id : after) {
            expect(404, viewer.get("/api/v1/executions/" + id));
        }
        assertEquals(before.size(), fromApi(prompt).size());
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, program)));
    }

    /**
     * The schedule path on the real server: an EJB calendar timer of the WAR fires, takes its firing's
     * lease and starts the job through the same code as the API. Off in the normal run (the test server
     * fires no schedule); on with a schedule of every minute and the schedules left on, e.g.
     * {@code PROMPTWATCH_JOBS_MAINTENANCE_SCHEDULE='* * * * *' ./mvnw -B verify -Dit.test=BatchJobsIT
     * -Dit.scheduled-job=maintenance "-Dit.server.settings=-Dpromptwatch.security.last-used-flush-seconds=1"}.
     */
    @Test
    @EnabledIfSystemProperty(named = "it.scheduled-job", matches = ".+")
    void aScheduledFiringStartsItsJobOnce() {
        String job = System.getProperty("it.scheduled-job");
        JsonObject[] fired = new JsonObject[1];
        Server.await(Duration.ofSeconds(90), "a scheduled execution of " + job, () -> {
            fired[0] = viewer.get("/api/v1/jobs/executions?name=" + job + "&limit=100").array().stream().map(JsonValue::asJsonObject)
                    .filter(e -> e.getJsonObject("parameters").getString("startedBy", "").startsWith("schedule ")).findFirst().orElse(null);
            return fired[0] != null;
        });
        JsonObject done = JobRuns.awaitEnd(viewer, fired[0].getJsonNumber("id").longValue(), "COMPLETED");
        Instant scheduledFor = Instant.parse(done.getJsonObject("parameters").getString("startedBy").substring("schedule ".length()));
        assertEquals(0, scheduledFor.getEpochSecond() % 60, "a firing is named by its scheduled minute: " + scheduledFor);
        long sameFiring = viewer.get("/api/v1/jobs/executions?name=" + job + "&limit=100").array().stream().map(JsonValue::asJsonObject)
                .filter(e -> e.getJsonObject("parameters").getString("startedBy", "").equals("schedule " + scheduledFor)).count();
        assertEquals(1, sameFiring);
    }

    @Test
    void refusalsAreProblems() {
        assertProblem(operator.post("/api/v1/jobs/daily-reports", "{}"), 404, null);
        assertProblem(operator.post("/api/v1/jobs/export", "{\"format\":\"xml\"}"), 400, "format");
        assertProblem(operator.post("/api/v1/jobs/export", "{\"size\":1}"), 400, "size");
        assertProblem(operator.post("/api/v1/jobs/export", "{\"chunkSize\":{}}"), 400, "chunkSize");
        assertProblem(operator.post("/api/v1/jobs/export", "{\"from\":\"2026-12-02T00:00:00Z\",\"to\":\"2026-12-01T00:00:00Z\"}"), 400, "to");
        assertProblem(operator.post("/api/v1/jobs/backup", "[1]"), 400, "body");
        assertProblem(viewer.get("/api/v1/jobs/executions/999999999"), 404, null);
        assertProblem(viewer.get("/api/v1/jobs/executions/x"), 404, null);
        assertProblem(viewer.get("/api/v1/jobs/executions?status=RUNNING"), 400, "status");
        assertProblem(viewer.get("/api/v1/jobs/executions?name=nope"), 400, "name");
        assertProblem(viewer.get("/api/v1/jobs/executions?limit=0"), 400, "limit");
        assertProblem(viewer.post("/api/v1/jobs/maintenance", "{}"), 403, null);

        long done = started(operator.post("/api/v1/jobs/maintenance", null));
        JobRuns.awaitEnd(viewer, done, "COMPLETED");
        assertProblem(operator.post("/api/v1/jobs/executions/" + done + "/stop", null), 409, "id");
        assertProblem(operator.post("/api/v1/jobs/executions/" + done + "/restart", null), 409, "id");
        assertProblem(viewer.get("/api/v1/exports/" + done), 404, null);
    }

    // ---- the records ----

    /** Stores {@code n} records a minute apart from {@code start}, with awkward texts; their execution ids. */
    private static List<String> store(String prompt, int n, Instant start) {
        List<String> ids = new ArrayList<>();
        for (int sent = 0; sent < n; sent += 200) {
            int size = Math.min(200, n - sent);
            String batch = batch(prompt, size, start.plus(Duration.ofMinutes(sent)), ids);
            Api.Reply reply = expect(200, ingest.post("/api/v1/executions/batch", batch));
            assertTrue(reply.array().stream().allMatch(r -> r.asJsonObject().getString("status").equals("accepted")), reply::toString);
        }
        return ids;
    }

    private static String batch(String prompt, int size, Instant start, List<String> ids) {
        JsonArrayBuilder batch = Json.createArrayBuilder();
        for (int i = 0; i < size; i++) {
            String id = Api.unique("bj");
            if (ids != null) {
                ids.add(id);
            }
            JsonObjectBuilder record = Fixtures.record(id, prompt, start.plus(Duration.ofMinutes(i)))
                    .add("latencyMs", 100 + i * 0.25)
                    .add("input", "Line one, with \"quotes\"\nline two; record " + i);
            if (i % 3 == 0) {
                record.add("success", false).add("errorType", "timeout").add("errorMessage", "upstream, \"slow\"\r\nretry " + i);
            }
            if (i % 4 == 0) {
                record.remove("userFeedback");
                record.remove("qualityScore");
            }
            batch.add(record);
        }
        return batch.build().toString();
    }

    /** The prompt's records as the executions API answers them, by execution id. */
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

    /** A CSV field against the API's value of the same field. */
    private static void assertSame(JsonValue api, String csv, String what) {
        if (api == null || api.getValueType() == JsonValue.ValueType.NULL) {
            assertNull(csv, what);
            return;
        }
        assertNotNull(csv, what);
        String field = what.substring(what.lastIndexOf('.') + 1);
        switch (api.getValueType()) {
            case STRING -> {
                String text = ((JsonString) api).getString();
                if (INSTANTS.contains(field)) {
                    assertEquals(Instant.parse(text), Instant.parse(csv), what);
                } else {
                    assertEquals(text, csv, what);
                }
            }
            case NUMBER -> assertEquals(((JsonNumber) api).doubleValue(), Double.parseDouble(csv), what);
            case TRUE, FALSE -> assertEquals(api.toString(), csv, what);
            default -> assertEquals(api, Json.createReader(new StringReader(csv)).readValue(), what);
        }
    }

    private static void assertSameJson(JsonValue api, JsonValue exported, String field) {
        boolean apiNull = api == null || api.getValueType() == JsonValue.ValueType.NULL;
        boolean exportedNull = exported == null || exported.getValueType() == JsonValue.ValueType.NULL;
        assertEquals(apiNull, exportedNull, field);
        if (apiNull) {
            return;
        }
        if (api.getValueType() == JsonValue.ValueType.NUMBER) {
            assertEquals(((JsonNumber) api).doubleValue(), ((JsonNumber) exported).doubleValue(), field);
        } else if (INSTANTS.contains(field)) {
            assertEquals(Instant.parse(((JsonString) api).getString()), Instant.parse(((JsonString) exported).getString()), field);
        } else {
            assertEquals(api, exported, field);
        }
    }

    // ---- jobs over HTTP ----

    private static long started(Api.Reply reply) {
        expect(202, reply);
        JsonObject body = reply.object();
        assertTrue(reply.header("Location").endsWith("/api/v1/jobs/executions/" + body.getJsonNumber("executionId")), reply::toString);
        return body.getJsonNumber("executionId").longValue();
    }

    private static byte[] download(long execution) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(Api.BASE + "/api/v1/exports/" + execution))
                .header("Authorization", "Bearer " + viewerKey).GET().build();
        try {
            HttpResponse<byte[]> reply = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, reply.statusCode(), () -> new String(reply.body(), StandardCharsets.UTF_8));
            assertEquals("application/gzip", reply.headers().firstValue("Content-Type").orElse(""));
            return reply.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<CSVRecord> csvRows(byte[] gzip) throws IOException {
        try (CSVParser parser = CSVParser.parse(new InputStreamReader(new GZIPInputStream(new ByteArrayInputStream(gzip)),
                StandardCharsets.UTF_8), CSV)) {
            return parser.getRecords();
        }
    }

    private static String gunzip(byte[] gzip) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Set<String> zipEntries(Path zip) throws IOException {
        Set<String> names = new HashSet<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                names.add(e.getName());
            }
        }
        return names;
    }

    private static void unzip(Path zip, Path into) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                Path target = into.resolve(entry.getName()).normalize();
                assertTrue(target.startsWith(into), entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target);
                }
            }
        }
    }

    private static void assertProblem(Api.Reply reply, int status, String field) {
        assertEquals(status, reply.status(), reply::toString);
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply::toString);
        assertEquals(status, reply.object().getInt("status"));
        if (field != null) {
            assertEquals(field, reply.object().getString("field", null), reply::toString);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
