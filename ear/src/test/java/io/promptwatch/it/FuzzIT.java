package io.promptwatch.it;

import static io.promptwatch.it.Fixtures.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hostile requests, generated from the server's own OpenAPI document, to every operation with every
 * role's key (HostileRequests says what they carry): no answer is 5xx, every 4xx is problem+json with
 * its status and title, and nothing is stored by a refused request (prompts, keys, experiments,
 * executions, alert rules and channels counted through the API before and after; only 2xx answers
 * may add to them, or take from them). The server's heap is read from /metrics before and after,
 * each after a full collection, and reported.
 *
 * <p>{@code -Dfuzz.requests} (default 1,000, the slice of the normal test command) and {@code -Dfuzz.seed}
 * (default 17) choose the run; the same seed sends the same requests but for the fixtures' random ids.
 */
@ExtendWith(ArquillianExtension.class)
class FuzzIT {

    private static final int REQUESTS = Integer.getInteger("fuzz.requests", 1000);
    private static final long SEED = Long.getLong("fuzz.seed", 17L);
    private static final List<String> ROLES = List.of("ingest", "viewer", "operator", "admin");
    private static final Pattern USED_HEAP = Pattern.compile(
            "(?m)^(?:base_)?(?:memory_usedHeap_bytes|jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*})(?:\\{[^}]*})?\\s+([0-9.Ee+-]+)");

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Api.ear();
    }

    private static final Map<String, String> keys = new LinkedHashMap<>();
    private static Map<String, List<String>> fixtures;
    private static List<OpenApiOperations.Operation> operations;
    private static Api admin;

    @BeforeAll
    static void fixtures() {
        for (String role : ROLES) {
            keys.put(role, unlimitedKey(role));
        }
        admin = Api.as(keys.get("admin"));
        Api operator = Api.as(keys.get("operator"));
        String prompt = Fixtures.activePrompt(operator, null);
        expect(201, operator.post("/api/v1/prompts/" + prompt + "/versions", "{\"version\":\"1.1.0\",\"text\":\"Variant: {{q}}\"}"));
        String watched = Fixtures.activePrompt(operator, null);
        expect(201, operator.post("/api/v1/prompts/" + watched + "/versions", "{\"version\":\"1.1.0\",\"text\":\"Variant: {{q}}\"}"));
        String experiment = expect(201, operator.post("/api/v1/experiments", Json.createObjectBuilder().add("promptId", watched)
                .add("name", "fuzzed").add("controlVersion", "1.0.0").add("variantVersions", Json.createArrayBuilder().add("1.1.0"))
                .add("metric", "success").add("minimumDetectableEffect", 0.1).add("baselineRate", 0.7).build().toString()))
                .object().getString("id");
        String execution = Api.unique("fz-record");
        expect(201, Api.as(keys.get("ingest")).post("/api/v1/executions", Fixtures.record(execution, prompt, Instant.now()).build().toString()));
        // The key the fuzzed /keys/{id} operations may rotate or revoke: never one the fuzzing sends with.
        String target = expect(201, admin.post("/api/v1/keys", "{\"name\":\"fuzz-target\",\"roles\":[\"viewer\"]}")).object().getString("id");
        // A channel and a rule that sends to it: the fuzzed /channels/{id} and /alert-rules/{id} operations reach them.
        String channel = expect(201, admin.post("/api/v1/channels", "{\"name\":\"fuzz-target\",\"type\":\"webhook\","
                + "\"url\":\"https://hooks.example.com/fuzz\",\"secret\":\"fuzz-secret\"}")).object().getString("id");
        String rule = expect(201, admin.post("/api/v1/alert-rules", "{\"name\":\"fuzz-target\",\"metric\":\"error_rate\","
                + "\"comparison\":\">\",\"threshold\":0.2,\"window\":\"5m\",\"severity\":\"warning\",\"actions\":[\"alert\"],"
                + "\"channels\":[\"" + channel + "\"]}")).object().getString("id");
        // A report subscription to the channel: the fuzzed /report-subscriptions/{id} reach it (and the fixture report's digest
        // goes to the channel's unreachable URL, which must not fail the job).
        String subscription = expect(201, admin.post("/api/v1/report-subscriptions", "{\"type\":\"daily\",\"promptId\":\"" + prompt
                + "\",\"channels\":[\"" + channel + "\"]}")).object().getString("id");
        // A stored report (today's of the fixture prompt, as far as it goes): the fuzzed /reports/{id} reaches a real one.
        long job = expect(202, admin.post("/api/v1/jobs/daily-report", "{\"date\":\"" + java.time.LocalDate.now(java.time.ZoneOffset.UTC)
                + "\",\"promptId\":\"" + prompt + "\"}")).object().getJsonNumber("executionId").longValue();
        Server.await(Duration.ofMinutes(2), "the fixture report is stored", () -> Set.of("COMPLETED", "FAILED", "STOPPED")
                .contains(expect(200, admin.get("/api/v1/jobs/executions/" + job)).object().getString("status")));
        String report = String.valueOf(expect(200, admin.get("/api/v1/reports?promptId=" + prompt)).object().getJsonArray("reports")
                .getJsonObject(0).getJsonNumber("id").longValue());
        fixtures = Map.of("prompts", List.of(prompt, watched), "versions", List.of("1.0.0", "1.1.0"),
                "executions", List.of(execution), "keys", List.of(target), "experiments", List.of(experiment),
                "alert-rules", List.of(rule), "channels", List.of(channel), "reports", List.of(report),
                "report-subscriptions", List.of(subscription));
        operations = OpenApiOperations.read();
    }

    /** A key of the role whose rate limits the fuzzing never reaches, so that its requests reach the operations. */
    private static String unlimitedKey(String role) {
        String limits = "{\"perSecond\":1000000,\"burst\":1000000}";
        return expect(201, Api.admin().post("/api/v1/keys", "{\"name\":\"fuzz-" + role + "\",\"roles\":[\"" + role
                + "\"],\"rateLimits\":{\"ingest\":" + limits + ",\"analysis\":" + limits + "}}")).object().getString("key");
    }

    private record Counts(int prompts, int keys, int experiments, long executions, int rules, int channels) {
    }

    /** What a request that got 2xx may have added; everything else must leave the counts alone. */
    private static final class Expected {
        int prompts;
        int keys;
        int experiments;
        long executions;
        int rules;
        int channels;
        final Set<String> createdPrompts = new LinkedHashSet<>();

        void add(OpenApiOperations.Operation operation, Api.Reply reply) {
            String key = operation.key();
            if (key.equals("POST /api/v1/prompts") && reply.status() == 201) {
                prompts++;
                createdPrompts.add(reply.object().getString("id"));
            } else if (key.equals("POST /api/v1/keys") && reply.status() == 201) {
                keys++;
            } else if (key.equals("POST /api/v1/experiments") && reply.status() == 201) {
                experiments++;
            } else if (key.equals("POST /api/v1/executions") && reply.status() == 201) {
                executions++;
            } else if (key.equals("POST /api/v1/alert-rules") && reply.status() == 201) {
                rules++;
            } else if (key.equals("DELETE /api/v1/alert-rules/{id}") && reply.status() == 204) {
                rules--;
            } else if (key.equals("POST /api/v1/channels") && reply.status() == 201) {
                channels++;
            } else if (key.equals("DELETE /api/v1/channels/{id}") && reply.status() == 204) {
                channels--;
            } else if (key.equals("POST /api/v1/executions/batch") && reply.status() == 200) {
                executions += reply.array().stream().filter(r -> r.asJsonObject().getString("status").equals("accepted")).count();
            }
        }
    }

    @Test
    void hostileRequestsGetNoServerErrorAndStoreNothing() {
        Set<String> counted = new LinkedHashSet<>(fixtures.get("prompts"));
        Counts before = counts(counted);
        String heapBefore = heapAfterFullCollection();

        HostileRequests generator = new HostileRequests(SEED, fixtures);
        OpenApiOperations.Operation batch = operations.stream().filter(o -> o.key().equals("POST /api/v1/executions/batch"))
                .findFirst().orElseThrow(() -> new AssertionError("no batch operation in the OpenAPI document"));
        Map<String, Map<Integer, Integer>> byOperation = new TreeMap<>();
        Map<String, Map<Integer, Integer>> byKind = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        Expected expected = new Expected();
        long started = System.nanoTime();
        for (int i = 0; i < REQUESTS; i++) {
            OpenApiOperations.Operation operation = operations.get(i % operations.size());
            String role = ROLES.get((i / operations.size()) % ROLES.size());
            if (i == REQUESTS / 2) {
                operation = batch;
                role = "ingest";
            }
            HostileRequests.Request request = i == REQUESTS / 2 ? generator.oversized(batch, keys.get(role))
                    : generator.next(operation, keys.get(role));
            String sent = request.method() + " " + request.pathAndQuery() + " as " + role + " (" + request.kind() + ") body "
                    + request.excerpt();
            Api.Reply reply;
            try {
                reply = Api.exchange(request.method(), request.pathAndQuery(), request.headers(), request.body());
            } catch (IllegalStateException e) {
                failures.add("no answer: " + sent + ": " + e.getMessage());
                count(byOperation, operation.key(), -1);
                count(byKind, request.kind(), -1);
                continue;
            }
            count(byOperation, operation.key(), reply.status());
            count(byKind, request.kind(), reply.status());
            String wrong = wrongAnswer(reply);
            if (wrong != null) {
                failures.add(wrong + ": " + sent + " -> " + reply.status() + " " + reply.contentType() + " " + first(reply.body(), 300));
            }
            if (reply.status() / 100 == 2) {
                expected.add(operation, reply);
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        counted.addAll(expected.createdPrompts);
        Counts after = counts(counted);
        String heapAfter = heapAfterFullCollection();
        report(byOperation, byKind, took, failures.size(), heapBefore, heapAfter, before, after);

        failures.forEach(System.out::println);
        assertEquals(List.of(), failures, failures.size() + " wrong answers of " + REQUESTS + " (seed " + SEED + ")");
        assertEquals(new Counts(before.prompts() + expected.prompts, before.keys() + expected.keys,
                before.experiments() + expected.experiments, before.executions() + expected.executions,
                before.rules() + expected.rules, before.channels() + expected.channels), after,
                "counts after fuzzing, against the counts before plus what the 2xx answers created");
    }

    /** A request that once got a 500, and the refusal it gets now (status and field; 0: any answer below 500). */
    private record Finding(String what, String method, String path, String body, int status, String field) {
    }

    @Test
    void whatFuzzingFoundIsTheClientsFault() {
        // A prompt of its own: the fuzzing may have moved the fixtures' versions anywhere.
        Api operator = Api.as(keys.get("operator"));
        String prompt = Fixtures.activePrompt(operator, null);
        expect(201, operator.post("/api/v1/prompts/" + prompt + "/versions", "{\"version\":\"1.1.0\",\"text\":\"Variant: {{q}}\"}"));
        String version = "/api/v1/prompts/" + prompt + "/versions/1.1.0";
        List<Finding> findings = List.of(
                new Finding("a description longer than its column", "POST", "/api/v1/prompts",
                        "{\"id\":\"" + Api.unique("long") + "\",\"name\":\"n\",\"description\":\"" + "d".repeat(4001) + "\"}", 400, "description"),
                new Finding("a name longer than its column", "POST", "/api/v1/prompts",
                        "{\"id\":\"" + Api.unique("long") + "\",\"name\":\"" + "n".repeat(201) + "\"}", 400, "name"),
                new Finding("a null tag", "POST", "/api/v1/prompts", "{\"id\":\"" + Api.unique("tag") + "\",\"name\":\"n\",\"tags\":[null]}",
                        400, "tags"),
                new Finding("a reason longer than its column", "POST", version + "/deprecate", "{\"reason\":\"" + "r".repeat(2001) + "\"}",
                        400, "reason"),
                new Finding("an experiment without a prompt", "POST", "/api/v1/experiments", "{}", 400, "promptId"),
                new Finding("a deploy body of null", "POST", version + "/deploy", "null", 0, null),
                new Finding("a rollback body of null", "POST", "/api/v1/prompts/" + prompt + "/rollback", "null", 400, "reason"),
                new Finding("a key expiring after year 9999", "POST", "/api/v1/keys",
                        "{\"name\":\"late\",\"roles\":[\"viewer\"],\"expiresAt\":\"+10000-01-01T00:00:00Z\"}", 400, "expiresAt"),
                new Finding("a record from before year 1", "POST", "/api/v1/executions",
                        Fixtures.record(Api.unique("bc"), prompt, Instant.now()).add("timestamp", "-0001-06-01T00:00:00Z").build().toString(),
                        400, "timestamp"),
                new Finding("a listing from after year 9999", "GET", "/api/v1/executions?from=%2B10000-01-01T00%3A00%3A00Z", null, 400, "from"),
                new Finding("a matrix up to year 999,999,999", "GET", "/api/v1/analysis/matrix?to=%2B999999999-12-31T23%3A59%3A59Z", null,
                        400, "to"),
                new Finding("a selection over every representable year", "POST", "/api/v1/analysis/compare",
                        "{\"metric\":\"success\",\"selection\":{\"promptId\":\"" + prompt + "\",\"versions\":[\"1.0.0\",\"1.1.0\"],"
                                + "\"from\":\"-999999999-01-01T00:00:00Z\",\"to\":\"+999999999-12-31T23:59:59Z\"}}", 0, null));
        List<String> wrong = new ArrayList<>();
        for (Finding finding : findings) {
            Api.Reply reply = Api.exchange(finding.method(), finding.path(), Map.of("Authorization", "Bearer " + keys.get("admin"),
                    "Content-Type", "application/json", "Accept", "application/json, application/problem+json"), finding.body());
            String problem = wrongAnswer(reply);
            if (problem == null && finding.status() != 0 && (reply.status() != finding.status()
                    || !finding.field().equals(reply.object().getString("field", null)))) {
                problem = "expected " + finding.status() + " naming " + finding.field();
            }
            if (problem != null) {
                wrong.add(finding.what() + ": " + problem + ": " + first(reply.toString(), 300));
            }
        }
        assertEquals(List.of(), wrong);
    }

    /** Why an answer is wrong, or null: 5xx, or a 4xx that is not problem+json with its status and title. */
    private static String wrongAnswer(Api.Reply reply) {
        if (reply.status() >= 500) {
            return "server error";
        }
        if (reply.status() < 400) {
            return null;
        }
        if (!reply.contentType().startsWith("application/problem+json")) {
            return "a refusal that is not problem+json";
        }
        try (var reader = Json.createReader(new StringReader(reply.body()))) {
            JsonValue body = reader.readValue();
            if (body.getValueType() != JsonValue.ValueType.OBJECT) {
                return "a problem that is not a JSON object";
            }
            JsonObject problem = body.asJsonObject();
            if (!problem.containsKey("status") || problem.getInt("status") != reply.status()
                    || !problem.containsKey("title") || problem.getString("title").isBlank()) {
                return "a problem without its status or title";
            }
            return null;
        } catch (RuntimeException e) {
            return "a problem that is not JSON";
        }
    }

    private static Counts counts(Set<String> prompts) {
        long executions = 0;
        for (String prompt : prompts) {
            String cursor = null;
            do {
                JsonObject page = expect(200, admin.get("/api/v1/executions?limit=500&promptId=" + OpenApiOperations.encode(prompt)
                        + (cursor == null ? "" : "&cursor=" + OpenApiOperations.encode(cursor)))).object();
                executions += page.getJsonArray("items").size();
                cursor = page.containsKey("nextCursor") && !page.isNull("nextCursor") ? page.getString("nextCursor") : null;
            } while (cursor != null);
        }
        return new Counts(expect(200, admin.get("/api/v1/prompts")).array().size(), expect(200, admin.get("/api/v1/keys")).array().size(),
                expect(200, admin.get("/api/v1/experiments")).array().size(), executions,
                expect(200, admin.get("/api/v1/alert-rules")).array().size(), expect(200, admin.get("/api/v1/channels")).array().size());
    }

    /**
     * The server's used heap from /metrics after a full collection, which {@code jcmd <pid> GC.run} asks
     * of the server's JVM (the same machine and user as the tests); "not forced" when jcmd could not.
     */
    private static String heapAfterFullCollection() {
        String collected;
        try {
            String pid = Files.readString(Server.HOME.resolve("glassfish/domains/domain1/config/pid")).trim();
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), pid, "GC.run")
                    .redirectErrorStream(true).start();
            String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            collected = jcmd.waitFor(60, TimeUnit.SECONDS) && jcmd.exitValue() == 0 ? "after a full GC"
                    : "GC not forced: " + first(output, 200);
        } catch (IOException e) {
            collected = "GC not forced: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Matcher used = USED_HEAP.matcher(Api.metrics().body());
        String heap = used.find() ? String.format("%.1f MiB", Double.parseDouble(used.group(1)) / (1024 * 1024)) : "not in /metrics";
        return heap + " (" + collected + ")";
    }

    private static void count(Map<String, Map<Integer, Integer>> histogram, String key, int status) {
        histogram.computeIfAbsent(key, k -> new TreeMap<>()).merge(status, 1, Integer::sum);
    }

    private static void report(Map<String, Map<Integer, Integer>> byOperation, Map<String, Map<Integer, Integer>> byKind,
                               Duration took, int wrong, String heapBefore, String heapAfter, Counts before, Counts after) {
        StringBuilder out = new StringBuilder(String.format("%nFuzzIT: %,d requests (seed %d) to %d operations as %s in %.1f s, "
                + "%d wrong answers%n", REQUESTS, SEED, operations.size(), ROLES, took.toMillis() / 1000.0, wrong));
        table(out, "operation", byOperation);
        table(out, "kind", byKind);
        Map<Integer, Integer> all = new TreeMap<>();
        byOperation.values().forEach(h -> h.forEach((status, n) -> all.merge(status, n, Integer::sum)));
        out.append(String.format("statuses: %s%nheap used before: %s; after: %s%ncounts before: %s%ncounts after:  %s%n",
                all, heapBefore, heapAfter, before, after));
        System.out.print(out);
    }

    private static void table(StringBuilder out, String title, Map<String, Map<Integer, Integer>> histogram) {
        out.append(String.format("%-52s %6s  %s%n", title, "sent", "statuses (-1: no answer)"));
        histogram.forEach((key, statuses) -> out.append(String.format("%-52s %6d  %s%n", key,
                statuses.values().stream().mapToInt(Integer::intValue).sum(), statuses)));
    }

    private static String first(String text, int length) {
        return text.length() > length ? text.substring(0, length) + "…" : text;
    }
}
