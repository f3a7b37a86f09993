package io.promptwatch.it;

import static io.promptwatch.it.Fixtures.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The rollups agree with the records: a known set of records over several hours, versions,
 * models and domains (with duplicates, a server crash half-way and late feedback) is ingested,
 * then every metric of every bucket of every window is compared with the same figure computed
 * here from the records. Counts, sums and averages must match exactly (to rounding); latency
 * percentiles within the KLL rank error and unique users within the HLL bound the server states.
 */
@ExtendWith(ArquillianExtension.class)
class MetricsIT {

    /** KLL k = 200: normalised rank error at 99 % confidence (DataSketches' published figure). */
    private static final double RANK_ERROR = 0.0133;
    /** HLL lg k = 12: three relative standard errors (1.04 / sqrt(4096) each). */
    private static final double DISTINCT_ERROR = 0.049;
    private static final String[] MODELS = {"gpt-4o-mini", "claude-3-haiku", "llama-3-70b"};
    private static final String[] VERSIONS = {"1.0.0", "1.1.0"};
    private static final String[] DOMAINS = {"billing", "support"};
    private static final String[] ERRORS = {"timeout", "rate_limit", "content_filter"};

    /** One record as sent, with the feedback it holds in the end. */
    private static final class Rec {
        String id;
        Instant ts;
        String version;
        String model;
        String domain;
        double latency;
        int in;
        int out;
        double cost;
        boolean success;
        String error;
        Integer feedback;
        double quality;
        String user;

        JsonObject json() {
            var b = Json.createObjectBuilder().add("executionId", id).add("promptId", prompt).add("version", version)
                    .add("model", model).add("timestamp", ts.toString()).add("latencyMs", latency).add("inputTokens", in)
                    .add("outputTokens", out).add("totalTokens", in + out).add("cost", cost).add("success", success)
                    .add("qualityScore", quality).add("userId", user).add("input", "q " + id).add("output", "a " + id);
            if (domain != null) {
                b.add("domain", domain);
            }
            if (error != null) {
                b.add("errorType", error).add("errorMessage", "failed");
            }
            if (feedback != null) {
                b.add("userFeedback", feedback);
            }
            return b.build();
        }
    }

    private static String prompt;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Api.ear();
    }

    @Test
    void everyMetricOfEveryWindowMatchesTheRecords() {
        String viewerKey = Api.newKey("viewer");
        Api operator = Api.as(Api.newKey("operator"));
        Api ingest = Api.as(Api.newKey("ingest"));
        String tag = Api.unique("tag");
        prompt = registerPrompt(operator, tag);
        List<Rec> records = generate(new Random(20261125), 900, Instant.now().minusSeconds(60));

        // First half, then a crash, then the second half and duplicates of the first.
        send(ingest, records.subList(0, 450));
        Fixtures.awaitRolledUp(Api.as(viewerKey));
        Server.crashAndRestart(viewerKey, "/api/v1/metrics/rollup");
        send(ingest, records.subList(450, 900));
        JsonArray again = ingest.post("/api/v1/executions/batch", batch(records.subList(0, 100))).array();
        again.forEach(r -> assertEquals("duplicate", r.asJsonObject().getString("status")));

        // Late feedback: to records rolled up before the crash, to records just sent (perhaps not
        // rolled up yet: either way they count once), and twice to the same records.
        Api viewer = Api.as(viewerKey);
        Random random = new Random(5);
        for (Rec r : concat(records.subList(450, 480), records.subList(0, 60), records.subList(0, 10))) {
            r.feedback = 1 + random.nextInt(5);
            expect(200, ingest.put("/api/v1/executions/" + r.id + "/feedback", "{\"score\":" + r.feedback + "}"));
        }
        Fixtures.awaitRolledUp(viewer);
        for (Rec r : records.subList(800, 900)) {
            r.feedback = 1 + random.nextInt(5);
            expect(200, ingest.put("/api/v1/executions/" + r.id + "/feedback", "{\"score\":" + r.feedback + "}"));
        }

        Instant from = records.stream().map(r -> r.ts).min(Instant::compareTo).orElseThrow();
        Instant to = Instant.now();
        for (String window : List.of("1m", "5m", "1h", "6h", "24h", "7d")) {
            assertSeries(viewer, records, window, from, to, "", r -> true);
        }
        assertSeries(viewer, records, "1h", from, to, "&model=" + MODELS[1], r -> r.model.equals(MODELS[1]));
        assertSeries(viewer, records, "5m", from, to, "&version=1.1.0", r -> r.version.equals("1.1.0"));
        assertSeries(viewer, records, "1h", from, to, "&domain=" + DOMAINS[0], r -> DOMAINS[0].equals(r.domain));
        assertSeries(viewer, records, "5m", from, to, "&version=1.0.0&model=" + MODELS[2],
                r -> r.version.equals("1.0.0") && r.model.equals(MODELS[2]));
        assertSeries(viewer, records, "24h", from, to, "&tag=" + tag, r -> true);

        JsonObject versions = viewer.get("/api/v1/metrics/versions?promptId=" + prompt + "&from=" + from + "&to=" + to).object();
        assertTable(versions, records, r -> r.version);
        // The table up to now reads its last part as one coarse bucket (no record lies after now); a range
        // inside the records (some after its end in the same hour) ends before now and is read in pieces.
        JsonObject inside = viewer.get("/api/v1/metrics/versions?promptId=" + prompt + "&from=" + from.plus(Duration.ofMinutes(95))
                + "&to=" + to.minus(Duration.ofMinutes(97))).object();
        Instant insideFrom = Instant.parse(inside.getString("from"));
        Instant insideTo = Instant.parse(inside.getString("to"));
        assertTable(inside, records.stream().filter(r -> !r.ts.isBefore(insideFrom) && r.ts.isBefore(insideTo)).toList(), r -> r.version);
        JsonObject summary = expect(200, viewer.get("/api/v1/prompts/" + prompt + "/summary?period=24h")).object();
        Instant periodFrom = Instant.parse(summary.getString("from"));
        List<Rec> inPeriod = records.stream().filter(r -> !r.ts.isBefore(periodFrom)).toList();
        assertMetrics("summary total", inPeriod, summary.getJsonObject("total").getJsonObject("current"));
        assertEquals(0, summary.getJsonObject("total").getJsonObject("previous").getInt("executions"));
        assertEquals(MODELS.length, summary.getJsonArray("byModel").size());
        for (JsonValue row : summary.getJsonArray("byModel")) {
            String model = row.asJsonObject().getString("name");
            assertMetrics("summary " + model, inPeriod.stream().filter(r -> r.model.equals(model)).toList(),
                    row.asJsonObject().getJsonObject("current"));
        }
    }

    /** A record older than a window's retention gets no bucket there; coarser windows still count it. */
    @Test
    void windowsKeepOnlyWhatTheirRetentionCovers() {
        Api viewer = Api.as(Api.newKey("viewer"));
        Api ingest = Api.as(Api.newKey("ingest"));
        prompt = registerPrompt(Api.as(Api.newKey("operator")), Api.unique("tag"));
        Rec old = generate(new Random(1), 1, Instant.now().minus(Duration.ofDays(2))).get(0);
        send(ingest, List.of(old));
        Fixtures.awaitRolledUp(viewer);
        String range = "&from=" + old.ts.minus(Duration.ofHours(1)) + "&to=" + old.ts.plus(Duration.ofHours(1));
        // 1m buckets are kept one day (promptwatch.metrics.retention.1m=P1D), 5m buckets seven.
        assertEquals(0, viewer.get("/api/v1/metrics?promptId=" + prompt + "&window=1m" + range).object()
                .getJsonArray("buckets").size());
        assertMetrics("5m, two days back", List.of(old), viewer.get("/api/v1/metrics?promptId=" + prompt + "&window=5m" + range)
                .object().getJsonArray("buckets").getJsonObject(0).getJsonObject("metrics"));
    }

    @SafeVarargs
    private static List<Rec> concat(List<Rec>... parts) {
        List<Rec> all = new ArrayList<>();
        Arrays.stream(parts).forEach(all::addAll);
        return all;
    }

    private static void assertSeries(Api viewer, List<Rec> records, String window, Instant from, Instant to,
                                     String filter, Predicate<Rec> selected) {
        String selection = filter.startsWith("&tag=") ? filter : "&promptId=" + prompt + filter;
        JsonObject series = expect(200, viewer.get("/api/v1/metrics?window=" + window + "&from=" + from + "&to=" + to
                + selection)).object();
        assertEquals(window, series.getString("resolution"));
        Map<Instant, List<Rec>> expected = new TreeMap<>(records.stream().filter(selected)
                .collect(Collectors.groupingBy(r -> floor(window, r.ts))));
        JsonArray buckets = series.getJsonArray("buckets");
        assertEquals(expected.size(), buckets.size(), window + filter + ": buckets");
        int i = 0;
        for (Map.Entry<Instant, List<Rec>> bucket : expected.entrySet()) {
            JsonObject actual = buckets.getJsonObject(i++);
            assertEquals(bucket.getKey(), Instant.parse(actual.getString("start")), window + filter + ": bucket start");
            assertMetrics(window + filter + " " + bucket.getKey(), bucket.getValue(), actual.getJsonObject("metrics"));
        }
    }

    private static void assertTable(JsonObject table, List<Rec> records, Function<Rec, String> groupBy) {
        Map<String, List<Rec>> expected = new TreeMap<>(records.stream().collect(Collectors.groupingBy(groupBy)));
        JsonArray rows = table.getJsonArray("rows");
        assertEquals(expected.size(), rows.size());
        int i = 0;
        for (Map.Entry<String, List<Rec>> group : expected.entrySet()) {
            JsonObject row = rows.getJsonObject(i++);
            assertEquals(group.getKey(), row.getString("name"));
            assertMetrics("table " + group.getKey(), group.getValue(), row.getJsonObject("metrics"));
        }
    }

    /** Every metric of {@code actual} against the records it should summarise. */
    private static void assertMetrics(String where, List<Rec> records, JsonObject actual) {
        long n = records.size();
        long successes = records.stream().filter(r -> r.success).count();
        assertEquals(n, actual.getJsonNumber("executions").longValue(), where + ": executions");
        assertEquals(successes, actual.getJsonNumber("successes").longValue(), where + ": successes");
        assertEquals(n - successes, actual.getJsonNumber("failures").longValue(), where + ": failures");
        assertClose((double) successes / n, actual, "successRate", where);
        assertClose((double) (n - successes) / n, actual, "failureRate", where);
        assertClose(average(records, r -> r.latency), actual, "latencyAvgMs", where);
        assertClose(records.stream().mapToDouble(r -> r.latency).max().orElseThrow(), actual, "latencyMaxMs", where);
        assertClose(average(records, r -> (double) r.in), actual, "inputTokensAvg", where);
        assertClose(average(records, r -> (double) r.out), actual, "outputTokensAvg", where);
        assertClose(average(records, r -> (double) (r.in + r.out)), actual, "totalTokensAvg", where);
        assertEquals(records.stream().mapToLong(r -> r.in + r.out).sum(), actual.getJsonNumber("totalTokensSum").longValue(), where);
        assertClose(records.stream().mapToDouble(r -> r.cost).sum(), actual, "costSum", where);
        assertClose(average(records, r -> r.quality), actual, "qualityAvg", where);
        List<Rec> rated = records.stream().filter(r -> r.feedback != null).toList();
        assertEquals(rated.size(), actual.getJsonNumber("feedbackCount").longValue(), where + ": feedbackCount");
        if (!rated.isEmpty()) {
            assertClose(average(rated, r -> (double) r.feedback), actual, "feedbackAvg", where);
        }
        Map<String, Long> errors = records.stream().filter(r -> !r.success)
                .collect(Collectors.groupingBy(r -> r.error, Collectors.counting()));
        JsonObject byType = actual.getJsonObject("errorsByType");
        assertEquals(errors.size(), byType.size(), where + ": error types");
        errors.forEach((type, count) -> assertEquals(count.longValue(), byType.getJsonNumber(type).longValue(), where + ": " + type));
        assertEquals(Math.min(5, errors.size()), actual.getJsonArray("topErrors").size(), where + ": top errors");

        double[] latencies = records.stream().mapToDouble(r -> r.latency).sorted().toArray();
        Map<String, Double> quantiles = Map.of("latencyP50Ms", 0.50, "latencyP95Ms", 0.95, "latencyP99Ms", 0.99);
        quantiles.forEach((field, q) -> {
            double estimate = actual.getJsonNumber(field).doubleValue();
            double rank = (double) Arrays.stream(latencies).filter(v -> v <= estimate).count() / n;
            assertTrue(rank >= q - RANK_ERROR && rank <= q + RANK_ERROR + 1.0 / n,
                    where + ": " + field + " " + estimate + " has rank " + rank);
        });
        long users = records.stream().map(r -> r.user).distinct().count();
        assertEquals(users, actual.getJsonNumber("uniqueUsers").longValue(), users * DISTINCT_ERROR, where + ": unique users");
    }

    private static void assertClose(double expected, JsonObject actual, String field, String where) {
        assertEquals(expected, actual.getJsonNumber(field).doubleValue(), Math.abs(expected) * 1e-9 + 1e-12, where + ": " + field);
    }

    private static double average(List<Rec> records, Function<Rec, Double> value) {
        return records.stream().mapToDouble(value::apply).average().orElseThrow();
    }

    /** The bucket start, computed independently of the server: java.time truncation, ISO weeks. */
    private static Instant floor(String window, Instant t) {
        return switch (window) {
            case "1m" -> t.truncatedTo(ChronoUnit.MINUTES);
            case "5m" -> t.truncatedTo(ChronoUnit.HOURS).plus(t.atZone(ZoneOffset.UTC).getMinute() / 5 * 5L, ChronoUnit.MINUTES);
            case "1h" -> t.truncatedTo(ChronoUnit.HOURS);
            case "6h" -> t.truncatedTo(ChronoUnit.DAYS).plus(t.atZone(ZoneOffset.UTC).getHour() / 6 * 6L, ChronoUnit.HOURS);
            case "24h" -> t.truncatedTo(ChronoUnit.DAYS);
            case "7d" -> t.atZone(ZoneOffset.UTC).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                    .atStartOfDay(ZoneOffset.UTC).toInstant();
            default -> throw new IllegalArgumentException(window);
        };
    }

    private static List<Rec> generate(Random random, int count, Instant end) {
        List<Rec> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Rec r = new Rec();
            r.id = Api.unique("m" + i);
            r.ts = end.minusMillis((long) (random.nextDouble() * Duration.ofHours(6).toMillis())).truncatedTo(ChronoUnit.MILLIS);
            r.version = VERSIONS[random.nextInt(VERSIONS.length)];
            r.model = MODELS[random.nextInt(MODELS.length)];
            r.domain = random.nextInt(5) == 0 ? null : DOMAINS[random.nextInt(DOMAINS.length)];
            r.latency = Math.round(Math.exp(6 + 0.5 * random.nextGaussian()) * 100) / 100.0;
            r.in = 50 + random.nextInt(500);
            r.out = 10 + random.nextInt(300);
            r.cost = (r.in + 3 * r.out) * 1e-6;
            r.success = random.nextInt(100) >= 12;
            r.error = r.success ? null : ERRORS[random.nextInt(ERRORS.length)];
            r.feedback = random.nextInt(4) == 0 ? 1 + random.nextInt(5) : null;
            r.quality = Math.round(random.nextDouble() * 1000) / 1000.0;
            r.user = "user-" + random.nextInt(120);
            records.add(r);
        }
        return records;
    }

    private static String registerPrompt(Api operator, String tag) {
        String id = Api.unique("metrics");
        expect(201, operator.post("/api/v1/prompts", Json.createObjectBuilder().add("id", id).add("name", "Metrics")
                .add("tags", Json.createArrayBuilder().add(tag)).build().toString()));
        for (String version : VERSIONS) {
            expect(201, operator.post("/api/v1/prompts/" + id + "/versions", "{\"version\":\"" + version + "\",\"text\":\"v" + version + " {{q}}\"}"));
        }
        return id;
    }

    private static void send(Api ingest, List<Rec> records) {
        for (int from = 0; from < records.size(); from += 200) {
            JsonArray answers = expect(200, ingest.post("/api/v1/executions/batch",
                    batch(records.subList(from, Math.min(records.size(), from + 200))))).array();
            answers.forEach(a -> assertEquals("accepted", a.asJsonObject().getString("status"), a.toString()));
        }
    }

    private static String batch(List<Rec> records) {
        JsonArrayBuilder batch = Json.createArrayBuilder();
        records.forEach(r -> batch.add(r.json()));
        return batch.build().toString();
    }

}
