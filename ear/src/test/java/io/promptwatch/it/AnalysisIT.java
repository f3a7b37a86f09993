package io.promptwatch.it;

import static io.promptwatch.it.Fixtures.expect;
import static io.promptwatch.it.RegistryIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The analysis endpoints on stored records give the same answer as on the same data sent
 * explicitly: the selection reads exactly the records it names, and nothing else.
 */
@ExtendWith(ArquillianExtension.class)
class AnalysisIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Api.ear();
    }

    private static final int PER_VERSION = 40;
    private static Api viewer;
    private static String prompt;
    private static final JsonArrayBuilder CONTROL_SCORES = Json.createArrayBuilder();
    private static final JsonArrayBuilder VARIANT_SCORES = Json.createArrayBuilder();
    private static int controlSuccesses;
    private static int variantSuccesses;
    /** qualityScore and success of every gpt-4o-mini record, in timestamp order. */
    private static JsonArray rows;
    private static JsonArray hourly;
    private static final int HOURS = 48;

    @BeforeAll
    static void storeRecords() {
        Api operator = Api.as(Api.newKey("operator"));
        viewer = Api.as(Api.newKey("viewer"));
        prompt = Fixtures.activePrompt(operator, null);
        expect(201, operator.post("/api/v1/prompts/" + prompt + "/versions", "{\"version\":\"1.1.0\",\"text\":\"Better: {{q}}\"}"));
        Random random = new Random(20261125);
        JsonArrayBuilder rowsBuilder = Json.createArrayBuilder();
        JsonArrayBuilder hourlyBuilder = Json.createArrayBuilder();
        JsonArrayBuilder batch = Json.createArrayBuilder();
        for (int i = 0; i < 2 * PER_VERSION; i++) {
            boolean variant = i % 2 == 1;
            double score = Math.round((0.70 + (variant ? 0.06 : 0) + 0.1 * random.nextGaussian()) * 1000) / 1000.0;
            score = Math.max(0, Math.min(1, score));
            boolean success = random.nextDouble() < (variant ? 0.9 : 0.75);
            (variant ? VARIANT_SCORES : CONTROL_SCORES).add(score);
            if (success) {
                if (variant) {
                    variantSuccesses++;
                } else {
                    controlSuccesses++;
                }
            }
            batch.add(Fixtures.record(Api.unique("ab"), prompt, Instant.now().minusSeconds(600 - i))
                    .add("version", variant ? "1.1.0" : "1.0.0").add("qualityScore", score).add("success", success));
            rowsBuilder.add(Json.createObjectBuilder().add("qualityScore", score).add("success", success));
        }
        // One record per hour over two days, on a model of its own: a rising quality with a daily wave.
        Instant start = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS).minus(java.time.Duration.ofHours(HOURS));
        for (int h = 0; h < HOURS; h++) {
            double value = Math.round((0.5 + 0.004 * h + 0.05 * Math.sin(2 * Math.PI * h / 24)) * 1e6) / 1e6;
            Instant at = start.plus(java.time.Duration.ofHours(h));
            batch.add(Fixtures.record(Api.unique("ts"), prompt, at.plusSeconds(90)).add("model", "ts-model").add("qualityScore", value));
            hourlyBuilder.add(Json.createObjectBuilder().add("time", at.toString()).add("value", value));
        }
        rows = rowsBuilder.build();
        hourly = hourlyBuilder.build();
        // A record of another model outside the selection's filter must not count.
        batch.add(Fixtures.record(Api.unique("other"), prompt, Instant.now()).add("model", "other-model").add("qualityScore", 0.0));
        expect(200, Api.as(Api.newKey("ingest")).post("/api/v1/executions/batch", batch.build().toString()));
        Fixtures.awaitRolledUp(viewer); // the time series of stored records is read from the rollups
    }

    private static JsonObject selection() {
        return Json.createObjectBuilder().add("promptId", prompt)
                .add("versions", Json.createArrayBuilder().add("1.0.0").add("1.1.0")).add("model", "gpt-4o-mini").build();
    }

    @Test
    void continuousComparisonOfStoredRecordsEqualsTheExplicitData() {
        JsonObject stored = viewer.post("/api/v1/analysis/compare", Json.createObjectBuilder().add("metric", "qualityScore")
                .add("selection", selection()).build().toString()).object();
        JsonObject explicit = viewer.post("/api/v1/analysis/compare", Json.createObjectBuilder().add("metric", "qualityScore")
                .add("samples", Json.createObjectBuilder().add("1.0.0", CONTROL_SCORES).add("1.1.0", VARIANT_SCORES))
                .build().toString()).object();
        // Same values, summed in another order (database order): equal up to rounding.
        assertJsonClose(explicit.getJsonArray("groups"), stored.getJsonArray("groups"), "groups");
        assertJsonClose(explicit.getJsonArray("comparisons"), stored.getJsonArray("comparisons"), "comparisons");
        JsonObject pair = stored.getJsonArray("comparisons").getJsonObject(0);
        assertEquals(PER_VERSION, stored.getJsonArray("groups").getJsonObject(0).getInt("n"));
        assertTrue(pair.containsKey("welch") && pair.containsKey("mannWhitney"), pair::toString);
        assertEquals("cohensD", pair.getString("effectSizeName"));
        assertTrue(stored.getString("conventions").contains("variant - control"));
        assertTrue(stored.getString("recommendation").contains("1.1.0"));
    }

    /** Equal JSON, numbers within 1e-12 relative (sums of the same values in another order). */
    static void assertJsonClose(JsonValue expected, JsonValue actual, String path) {
        assertEquals(expected.getValueType(), actual.getValueType(), path);
        switch (expected.getValueType()) {
            case NUMBER -> {
                double e = ((JsonNumber) expected).doubleValue();
                double a = ((JsonNumber) actual).doubleValue();
                assertEquals(e, a, 1e-12 * Math.max(1, Math.abs(e)), path);
            }
            case ARRAY -> {
                assertEquals(expected.asJsonArray().size(), actual.asJsonArray().size(), path);
                for (int i = 0; i < expected.asJsonArray().size(); i++) {
                    assertJsonClose(expected.asJsonArray().get(i), actual.asJsonArray().get(i), path + "[" + i + "]");
                }
            }
            case OBJECT -> {
                assertEquals(expected.asJsonObject().keySet(), actual.asJsonObject().keySet(), path);
                expected.asJsonObject().forEach((k, v) -> assertJsonClose(v, actual.asJsonObject().get(k), path + "." + k));
            }
            default -> assertEquals(expected, actual, path);
        }
    }

    @Test
    void successComparisonOfStoredRecordsEqualsTheExplicitCounts() {
        JsonObject stored = viewer.post("/api/v1/analysis/compare", Json.createObjectBuilder().add("metric", "success")
                .add("selection", selection()).build().toString()).object();
        JsonObject explicit = viewer.post("/api/v1/analysis/compare", Json.createObjectBuilder().add("metric", "success")
                .add("counts", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("group", "1.0.0").add("successes", controlSuccesses).add("n", PER_VERSION))
                        .add(Json.createObjectBuilder().add("group", "1.1.0").add("successes", variantSuccesses).add("n", PER_VERSION)))
                .build().toString()).object();
        assertEquals(explicit.getJsonArray("groups"), stored.getJsonArray("groups"));
        assertEquals(explicit.getJsonArray("comparisons"), stored.getJsonArray("comparisons"));
        assertEquals("cohensH", stored.getJsonArray("comparisons").getJsonObject(0).getString("effectSizeName"));
    }

    @Test
    void sampleSizeAndAdjustmentAnswer() {
        JsonObject size = viewer.post("/api/v1/analysis/sample-size",
                "{\"kind\":\"means\",\"delta\":0.5,\"sd\":1,\"alpha\":0.05,\"power\":0.8}").object();
        // R: power.t.test(delta = 0.5, sd = 1, sig.level = 0.05, power = 0.8)$n = 63.76576
        assertEquals(63.76576, size.getJsonNumber("exactPerGroup").doubleValue(), 1e-4);
        assertEquals(64, size.getInt("perGroup"));
        JsonObject adjusted = viewer.post("/api/v1/analysis/adjust", "{\"pValues\":[0.01,0.04,0.03]}").object();
        // R: p.adjust(c(0.01, 0.04, 0.03), "holm") = 0.03 0.06 0.06; "BH" = 0.03 0.04 0.04
        double[] holm = {0.03, 0.06, 0.06};
        double[] bh = {0.03, 0.04, 0.04};
        for (int i = 0; i < 3; i++) {
            assertEquals(holm[i], adjusted.getJsonArray("holm").getJsonNumber(i).doubleValue(), 1e-12);
            assertEquals(bh[i], adjusted.getJsonArray("benjaminiHochberg").getJsonNumber(i).doubleValue(), 1e-12);
        }
    }

    @Test
    void matrixHasACellPerPromptAndModelWithWilsonIntervals() {
        JsonObject matrix = viewer.get("/api/v1/analysis/matrix?from=" + Instant.now().minus(java.time.Duration.ofDays(3))).object();
        JsonObject row = matrix.getJsonArray("prompts").stream().map(JsonValue::asJsonObject)
                .filter(r -> r.getString("promptId").equals(prompt)).findFirst().orElseThrow();
        JsonObject main = row.getJsonArray("cells").stream().map(JsonValue::asJsonObject)
                .filter(c -> c.getString("model").equals("gpt-4o-mini")).findFirst().orElseThrow();
        assertEquals(2 * PER_VERSION, main.getInt("n"));
        assertEquals(controlSuccesses + variantSuccesses, main.getInt("successes"));
        double rate = main.getJsonNumber("rate").doubleValue();
        assertTrue(main.getJsonNumber("ciLow").doubleValue() < rate && rate < main.getJsonNumber("ciHigh").doubleValue(), main::toString);
        assertEquals(3, row.getJsonArray("cells").size(), "gpt-4o-mini, other-model and ts-model");
        assertEquals(2, row.getInt("df"));
        assertTrue(row.containsKey("pValue") && row.containsKey("spread"), row::toString);
        assertProblem(viewer.get("/api/v1/analysis/matrix?from=yesterday"), 400, "from");
    }

    @Test
    void correlationsAndTheSuccessModelOfStoredRecordsEqualTheExplicitRows() {
        JsonObject selection = Json.createObjectBuilder().add("promptId", prompt).add("model", "gpt-4o-mini").build();
        String features = "\"features\":[\"qualityScore\"],\"targets\":[\"success\"]";
        JsonValue stored = viewer.post("/api/v1/analysis/correlations", "{\"selection\":" + selection + "," + features + "}").json();
        JsonValue explicit = viewer.post("/api/v1/analysis/correlations", "{\"rows\":" + rows + "," + features + "}").json();
        assertJsonClose(explicit, stored, "correlations");
        JsonObject pair = stored.asJsonArray().getJsonObject(0);
        assertEquals(2 * PER_VERSION, pair.getInt("n"));
        assertTrue(pair.containsKey("pearson") && pair.containsKey("spearman"), pair::toString);

        String model = "\"features\":[\"qualityScore\"],\"testShare\":0.25,\"seed\":7";
        JsonObject fitted = viewer.post("/api/v1/analysis/success-model", "{\"selection\":" + selection + "," + model + "}").object();
        JsonObject again = viewer.post("/api/v1/analysis/success-model", "{\"rows\":" + rows + "," + model + "}").object();
        assertJsonClose(again, fitted, "success-model");
        assertEquals(60, fitted.getInt("trainSize"));
        assertEquals(20, fitted.getInt("testSize"));
        // latencyMs is the same in every record: the design is rank-deficient and refused.
        assertProblem(viewer.post("/api/v1/analysis/success-model", "{\"selection\":" + selection
                + ",\"features\":[\"qualityScore\",\"latencyMs\"]}"), 422, "features");
    }

    @Test
    void timeSeriesOfStoredRecordsEqualsTheExplicitPoints() {
        JsonObject stored = expect(200, viewer.post("/api/v1/analysis/timeseries", Json.createObjectBuilder()
                .add("selection", Json.createObjectBuilder().add("promptId", prompt).add("model", "ts-model")
                        .add("metric", "qualityScore").add("bucket", "1h"))
                .add("horizon", 12).build().toString())).object();
        JsonObject explicit = expect(200, viewer.post("/api/v1/analysis/timeseries", Json.createObjectBuilder()
                .add("points", hourly).add("horizon", 12).add("period", 24).build().toString())).object();
        assertEquals(HOURS, stored.getInt("points"));
        assertJsonClose(explicit.getJsonObject("trend"), stored.getJsonObject("trend"), "trend");
        assertJsonClose(explicit.getJsonObject("forecast"), stored.getJsonObject("forecast"), "forecast");
        assertEquals("up", stored.getJsonObject("trend").getString("direction"));
        // True drift 0.096 per day; least squares over two whole waves of the sine reads about 0.072.
        double slope = stored.getJsonObject("trend").getJsonNumber("slopePerDay").doubleValue();
        assertTrue(slope > 0.05 && slope < 0.14, "slope " + slope);
        assertEquals(12, stored.getJsonObject("forecast").getJsonArray("mean").size());
    }

    @Test
    void badRequestsAreProblems() {
        assertProblem(viewer.post("/api/v1/analysis/compare", "{\"metric\":\"vibes\",\"samples\":{}}"), 400, "metric");
        assertProblem(viewer.post("/api/v1/analysis/compare", "{\"metric\":\"qualityScore\"}"), 400, "selection");
        assertProblem(viewer.post("/api/v1/analysis/compare",
                "{\"metric\":\"qualityScore\",\"samples\":{\"a\":[1],\"b\":[2,3]}}"), 422, null);
        assertProblem(viewer.post("/api/v1/analysis/sample-size", "{\"kind\":\"means\",\"sd\":1}"), 400, "delta");
        assertProblem(viewer.post("/api/v1/analysis/adjust", "{\"pValues\":[1.5]}"), 400, "pValues[0]");
        assertProblem(Api.as(Api.newKey("ingest")).post("/api/v1/analysis/adjust", "{\"pValues\":[0.1]}"), 403, null);
    }

    @Test
    void dataOrABodyOverTheirLimitsAreRefusedNamingTheLimit() {
        Api fresh = Api.as(Api.newKey("viewer"));
        // 10,001 points, one past promptwatch.analysis.max-points (10,000): about 430 KB, within the body limit.
        JsonArrayBuilder points = Json.createArrayBuilder();
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i <= 10_000; i++) {
            points.add(Json.createObjectBuilder().add("time", start.plusSeconds(3600L * i).toString()).add("value", i % 7));
        }
        Api.Reply tooMany = fresh.post("/api/v1/analysis/timeseries", Json.createObjectBuilder().add("points", points).build().toString());
        assertProblem(tooMany, 413, "points");
        assertTrue(tooMany.object().getString("detail").contains("at most 10000 (promptwatch.analysis.max-points)"), tooMany::toString);
        // 1,200,017 bytes of p-values: over promptwatch.api.max-body-bytes (1 MiB), sent with a length and streamed without.
        String big = "{\"pValues\":[" + "0.5,".repeat(300_000) + "0.5]}";
        for (Api.Reply reply : List.of(fresh.post("/api/v1/analysis/adjust", big), fresh.postChunked("/api/v1/analysis/adjust", big))) {
            assertProblem(reply, 413, "body");
            assertEquals("the body is larger than 1048576 bytes (promptwatch.api.max-body-bytes)",
                    reply.object().getString("detail"), reply::toString);
        }
    }

    @Test
    void aBodyThatIsNotOneObjectIsAProblemOfTheBody() {
        for (String endpoint : List.of("compare", "adjust", "correlations", "sample-size", "success-model", "timeseries")) {
            for (String body : List.of("\"compare these\"", "true", "[0.01, 0.04]", "null", "42", "{\"pValues\":", "{} {}", "")) {
                assertProblem(viewer.post("/api/v1/analysis/" + endpoint, body), 400, "body");
            }
        }
    }

    @Test
    void aValueOfTheWrongTypeOrOutOfRangeIsAProblemNamingItsPath() {
        Map<String, List<String>> refused = new LinkedHashMap<>();
        refused.put("compare", List.of(
                "selection.promptId | {'selection':{'promptId':7,'versions':['1.0.0','1.1.0']}}",
                "selection.versions[1] | {'selection':{'promptId':'p','versions':['1.0.0',null]}}",
                "selection | {'selection':null}",
                "samples.B[1] | {'samples':{'A':[1,2],'B':[1,'2']}}",
                "counts[0].successes | {'metric':'success','counts':[{'group':'a','successes':null,'n':5},"
                        + "{'group':'b','successes':1,'n':5}]}",
                "counts[1].n | {'metric':'success','counts':[{'group':'a','successes':1,'n':5},{'group':'b','successes':0,'n':-5}]}",
                "counts[1].successes | {'metric':'success','counts':[{'group':'a','successes':1,'n':5},"
                        + "{'group':'b','successes':2.5,'n':5}]}"));
        refused.put("adjust", List.of("pValues[1] | {'pValues':[0.1,null]}", "pValues | {'pValues':{'a':0.1}}"));
        refused.put("sample-size", List.of("n | {'delta':0.5,'sd':1,'n':-5}", "sd | {'delta':0.5,'sd':'1'}",
                "p2 | {'kind':'proportions','p1':0.5,'p2':2}"));
        refused.put("correlations", List.of("rows[0].latencyMs | {'rows':[{'latencyMs':[1]}]}", "rows[1] | {'rows':[{},null]}",
                "targets[0] | {'rows':[],'targets':[true]}"));
        refused.put("success-model", List.of("seed | {'rows':[],'seed':0.5}", "seed | {'rows':[],'seed':1e30}",
                "seed | {'rows':[],'seed':'42'}"));
        refused.put("timeseries", List.of("horizon | {'points':[],'horizon':1.5}", "horizon | {'points':[],'horizon':4294967320}",
                "horizon | {'points':[],'horizon':100000000}", "period | {'points':[],'period':2147483647}",
                "points[1].time | {'points':[{'time':'2026-11-25T10:00:00Z','value':1},{'time':null,'value':2}]}",
                "points[0].value | {'points':[{'time':'2026-11-25T10:00:00Z','value':'1'}]}",
                "selection.metric | {'selection':{'promptId':'p','metric':'vibes'}}"));
        refused.forEach((endpoint, cases) -> cases.forEach(c -> {
            String[] fieldAndBody = c.split(" \\| ", 2);
            assertProblem(viewer.post("/api/v1/analysis/" + endpoint, fieldAndBody[1].replace('\'', '"')), 400, fieldAndBody[0]);
        }));
    }
}
