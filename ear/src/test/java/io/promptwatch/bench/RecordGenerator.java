package io.promptwatch.bench;

import io.promptwatch.it.Api;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The execution records of the ingest benchmark, shaped like production traffic: every prompt,
 * version and model, 8 % failures of a few kinds, times spread over the last 7 days in the order
 * the executions happened (record {@code i} of {@code n} at {@code i/n} of the span, reported up
 * to {@value #MAX_DELAY_SECONDS} s late, as clients report executions as they happen), a pool of
 * users with sessions, log-normal latencies and token counts, costs from per-model prices, some
 * user feedback and texts of about 200 characters. Record {@code i} depends only on the seed and
 * {@code i}, so the HTTP client threads and the JDBC ceiling produce the same records, in any order,
 * and a record's index stands for its execution id (the reliability runs keep indexes, not ids).
 */
public final class RecordGenerator {

    public static final List<String> VERSIONS = List.of("1.0.0", "1.1.0", "1.2.0");

    /** A model with its median latency and its prices per 1,000 tokens. */
    private record Model(String name, double medianLatencyMs, double inputPrice, double outputPrice) {
    }

    private record Failure(String type, String message) {
    }

    private static final List<Model> MODELS = List.of(
            new Model("gpt-4o", 900, 0.0025, 0.01),
            new Model("gpt-4o-mini", 450, 0.00015, 0.0006),
            new Model("claude-3-5-sonnet", 1100, 0.003, 0.015),
            new Model("claude-3-5-haiku", 500, 0.0008, 0.004),
            new Model("llama-3-1-70b", 700, 0.0009, 0.0009));
    private static final List<Failure> FAILURES = List.of(
            new Failure("timeout", "no answer within 30 s"),
            new Failure("rate_limit", "429 Too Many Requests, retry after 20 s"),
            new Failure("content_filter", "the output was blocked by the content filter"),
            new Failure("invalid_output", "the output is not valid JSON"),
            new Failure("server_error", "502 Bad Gateway from the model provider"));
    private static final List<String> DOMAINS = List.of("billing", "shipping", "returns", "account", "technical");
    private static final List<String> DIFFICULTIES = List.of("easy", "medium", "hard");
    private static final List<String> TAGS = List.of("eu", "us", "apac", "web", "mobile", "beta", "enterprise");
    private static final double[] TEMPERATURES = {0.0, 0.2, 0.7, 1.0};
    private static final String[] WORDS = ("account address amount app bank billing card change charge customer delivery"
            + " email error invoice item login order package password payment phone plan price refund return shipping"
            + " subscription tracking update warranty").split(" ");
    private static final double FAILURE_RATE = 0.08;
    private static final double FEEDBACK_RATE = 0.1;
    private static final int USERS = 5000;
    private static final int SESSIONS_PER_USER = 8;
    private static final int TEXT_CHARS = 200;
    private static final long SPREAD_MILLIS = 7 * 86_400_000L;
    private static final int MAX_DELAY_SECONDS = 300;
    private static final JsonProvider JSON = JsonProvider.provider();

    /** One generated execution, with its texts in clear: the prompt's privacy mode decides what is stored. */
    public record Execution(String executionId, String promptId, String version, String model, Instant timestamp,
                     double latencyMs, int inputTokens, int outputTokens, double cost, boolean success,
                     String errorType, String errorMessage, Integer userFeedback, Double qualityScore,
                     String difficulty, String domain, double temperature, String userId, String sessionId,
                     List<String> tags, String input, String output) {

        /** The record as a client sends it; fields without a value are left out. */
        public JsonObject json() {
            JsonObjectBuilder record = JSON.createObjectBuilder()
                    .add("executionId", executionId).add("promptId", promptId).add("version", version)
                    .add("model", model).add("timestamp", timestamp.toString()).add("latencyMs", latencyMs)
                    .add("inputTokens", inputTokens).add("outputTokens", outputTokens).add("cost", cost)
                    .add("success", success).add("difficulty", difficulty).add("domain", domain)
                    .add("temperature", temperature).add("userId", userId).add("sessionId", sessionId)
                    .add("tags", JSON.createArrayBuilder(tags)).add("input", input);
            if (success) {
                record.add("qualityScore", qualityScore).add("output", output);
            } else {
                record.add("errorType", errorType).add("errorMessage", errorMessage);
            }
            if (userFeedback != null) {
                record.add("userFeedback", userFeedback);
            }
            return record.build();
        }
    }

    private final long seed;
    private final List<String> prompts;
    private final long records;
    private final Instant now;
    private final long spreadMillis;

    /**
     * {@code records} records of the given prompts, timed in the 7 days before now (never later);
     * records past that many are timed at the end of the span.
     */
    public RecordGenerator(long seed, List<String> prompts, long records) {
        this(seed, prompts, records, Instant.now().truncatedTo(ChronoUnit.MILLIS), SPREAD_MILLIS);
    }

    /**
     * The same records timed in the {@code spreadMillis} before {@code end} (both included), as the batch
     * benchmark needs them: all within one UTC day, so that one daily report covers them.
     */
    public RecordGenerator(long seed, List<String> prompts, long records, Instant end, long spreadMillis) {
        this.seed = seed;
        this.prompts = List.copyOf(prompts);
        this.records = records;
        this.now = end;
        this.spreadMillis = spreadMillis;
    }

    public Execution record(long index) {
        SplittableRandom r = new SplittableRandom(seed ^ (index * 0x9E3779B97F4A7C15L));
        String executionId = new UUID((r.nextLong() & ~0xF000L) | 0x4000L,
                (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L).toString();
        String prompt = prompts.get(r.nextInt(prompts.size()));
        String version = VERSIONS.get(r.nextInt(VERSIONS.size()));
        Model model = MODELS.get(r.nextInt(MODELS.size()));
        long happened = spreadMillis - Math.round((double) Math.min(index, records) / records * spreadMillis);
        Instant timestamp = now.minusMillis(Math.min(spreadMillis, happened + r.nextLong(MAX_DELAY_SECONDS * 1000L)));
        String domain = DOMAINS.get(r.nextInt(DOMAINS.size()));
        int user = r.nextInt(USERS);
        boolean success = r.nextDouble() >= FAILURE_RATE;
        Failure failure = success ? null : FAILURES.get(r.nextInt(FAILURES.size()));
        double latency = model.medianLatencyMs() * Math.exp(0.5 * r.nextGaussian()) * (success ? 1 : 2);
        int inputTokens = (int) Math.max(1, Math.round(350 * Math.exp(0.6 * r.nextGaussian())));
        int outputTokens = success ? (int) Math.max(1, Math.round(120 * Math.exp(0.7 * r.nextGaussian()))) : 0;
        double cost = (inputTokens * model.inputPrice() + outputTokens * model.outputPrice()) / 1000;
        Double quality = success ? Math.min(1, Math.max(0, 0.82 + 0.08 * r.nextGaussian())) : null;
        Integer feedback = r.nextDouble() >= FEEDBACK_RATE ? null : success ? 3 + r.nextInt(3) : 1 + r.nextInt(2);
        List<String> tags = r.nextBoolean() ? List.of(TAGS.get(r.nextInt(TAGS.size())))
                : List.of(TAGS.get(r.nextInt(3)), TAGS.get(3 + r.nextInt(TAGS.size() - 3)));
        return new Execution(executionId, prompt, version, model.name(), timestamp, Math.round(latency * 10) / 10.0,
                inputTokens, outputTokens, cost, success, success ? null : failure.type(),
                success ? null : failure.message(), feedback, quality, DIFFICULTIES.get(r.nextInt(DIFFICULTIES.size())),
                domain, TEMPERATURES[r.nextInt(TEMPERATURES.length)], "user-" + user,
                "session-" + user + "-" + r.nextInt(SESSIONS_PER_USER), tags, text(r, "Customer question about " + domain + ":"),
                success ? text(r, "Answer from " + model.name() + ":") : null);
    }

    /** The body of a batch request of records {@code from .. from+count-1}. */
    public String batch(long from, int count) {
        JsonArrayBuilder batch = JSON.createArrayBuilder();
        for (long i = from; i < from + count; i++) {
            batch.add(record(i).json());
        }
        return batch.build().toString();
    }

    public List<String> prompts() {
        return prompts;
    }

    /** Registers the generator's prompts in hash privacy mode, each with three versions of which the newest is active. */
    public void register(Api operator) {
        String newest = VERSIONS.get(VERSIONS.size() - 1);
        for (String prompt : prompts) {
            String versions = "/api/v1/prompts/" + prompt + "/versions";
            Calls.ok(operator.post("/api/v1/prompts", JSON.createObjectBuilder()
                    .add("id", prompt).add("name", "Generated records").add("privacyMode", "hash").build().toString()));
            for (String version : VERSIONS) {
                Calls.ok(operator.post(versions, JSON.createObjectBuilder().add("version", version)
                        .add("text", "Answer the customer (" + version + "): {{question}}").build().toString()));
            }
            Calls.ok(operator.post(versions + "/" + newest + "/stage", null));
            Calls.ok(operator.post(versions + "/" + newest + "/deploy", "{\"reason\":\"load generator\"}"));
        }
    }

    private static String text(SplittableRandom r, String opening) {
        StringBuilder text = new StringBuilder(TEXT_CHARS + 16).append(opening);
        while (text.length() < TEXT_CHARS) {
            text.append(' ').append(WORDS[r.nextInt(WORDS.length)]);
        }
        return text.append('.').toString();
    }
}
