package io.promptwatch.api.statistics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptwatch.api.RequestObject;
import io.promptwatch.problem.ProblemException;
import io.promptwatch.tracking.boundary.FeatureRow;
import io.promptwatch.tracking.boundary.MetricField;
import io.promptwatch.tracking.boundary.RecordSelection;
import io.promptwatch.tracking.boundary.SampleReader.Counts;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The analysis requests: what a valid body reads as (the defaults are the ones README states),
 * and that a body of the wrong shape or out of range is a 400 naming the exact field.
 */
class AnalysisRequestsTest {

    /** promptwatch.json.max-depth as shipped. */
    private static final int DEPTH = 64;

    private static final int MAX_HORIZON = 10_000;

    /** promptwatch.analysis.max-horizon, max-points and max-samples as shipped. */
    private static final AnalysisLimits LIMITS = new AnalysisLimits(MAX_HORIZON, 10_000, 1_000_000);

    private static final Function<RequestObject, ComparisonRequest> COMPARE = body -> ComparisonRequest.read(body, LIMITS);
    private static final Function<RequestObject, AdjustmentRequest> ADJUST = body -> AdjustmentRequest.read(body, LIMITS);
    private static final Function<RequestObject, CorrelationRequest> CORRELATIONS = body -> CorrelationRequest.read(body, LIMITS);
    private static final Function<RequestObject, SuccessModelRequest> SUCCESS_MODEL = body -> SuccessModelRequest.read(body, LIMITS);

    /** Each endpoint's reading of its body, with the default limits. */
    private static final Map<String, Function<RequestObject, ?>> READERS = Map.of("compare", COMPARE,
            "sample-size", SampleSizeRequest::read, "adjust", ADJUST, "correlations", CORRELATIONS,
            "success-model", SUCCESS_MODEL, "timeseries", AnalysisRequestsTest::timeSeries);

    private static <T> T read(Function<RequestObject, T> reader, String body) {
        return reader.apply(RequestObject.parse(body, DEPTH));
    }

    private static void refused(String field, Function<RequestObject, ?> reader, String body) {
        ProblemException e = assertThrows(ProblemException.class, () -> read(reader, body), body);
        assertEquals(400, e.status(), e::getMessage);
        assertEquals(field, e.field(), () -> body + ": " + e.getMessage());
    }

    private static TimeSeriesRequest timeSeries(RequestObject body) {
        return TimeSeriesRequest.read(body, LIMITS);
    }

    @Test
    void aComparisonOfSamplesKeepsTheGroupsInOrderWithTheDefaults() {
        ComparisonRequest r = read(COMPARE, "{\"samples\":{\"B\":[1,2.5],\"A\":[3,4]}}");
        assertEquals(MetricField.QUALITY_SCORE, r.metric());
        assertEquals(0.05, r.settings().alpha());
        assertEquals(0.0, r.settings().practicalThreshold());
        assertEquals(List.of("B", "A"), List.copyOf(r.samples().keySet()));
        assertArrayEquals(new double[] {1, 2.5}, r.samples().get("B"));
        assertNull(r.selection());
        assertNull(r.counts());
    }

    @Test
    void aComparisonOfCountsOrOfASelection() {
        ComparisonRequest counts = read(COMPARE, "{\"metric\":\"success\",\"alpha\":0.01,\"counts\":["
                + "{\"group\":\"1.0.0\",\"successes\":30,\"n\":40},{\"group\":\"1.1.0\",\"successes\":36.0,\"n\":40}]}");
        assertEquals(0.01, counts.settings().alpha());
        assertEquals(List.of("1.0.0", "1.1.0"), List.copyOf(counts.counts().keySet()));
        assertEquals(new Counts(36, 40), counts.counts().get("1.1.0"));

        RecordSelection s = read(COMPARE, "{\"metric\":\"latencyMs\",\"selection\":{\"promptId\":\"p\","
                + "\"templateIds\":[\"t1\",\"t2\"],\"model\":\"m\",\"from\":\"2026-11-25T00:00:00Z\"}}").selection();
        assertEquals(new RecordSelection("p", RecordSelection.GroupBy.TEMPLATE, List.of("t1", "t2"), "m",
                Instant.parse("2026-11-25T00:00:00Z"), null), s);
    }

    @Test
    void aSampleSizeDefaultsToMeansAtPowerEightyPercent() {
        SampleSizeRequest r = read(SampleSizeRequest::read, "{\"delta\":0.5,\"sd\":1}");
        assertEquals("means", r.kind());
        assertTrue(r.means());
        assertEquals(0.05, r.alpha());
        assertEquals(0.8, r.power());
        assertEquals(0.5, r.a());
        assertEquals(1, r.b());
        assertNull(r.nPerGroup());
        SampleSizeRequest power = read(SampleSizeRequest::read, "{\"kind\":\"proportions\",\"p1\":0.5,\"p2\":0.6,\"n\":100.5}");
        assertEquals(100.5, power.nPerGroup());
        assertNull(power.power());
    }

    @Test
    void pValuesKeepTheirOrder() {
        assertArrayEquals(new double[] {0.01, 0.04, 0.03}, read(ADJUST, "{\"pValues\":[0.01,0.04,0.03]}").pValues());
    }

    @Test
    void correlationsDefaultToEveryOtherFeatureAgainstSuccessAndQuality() {
        CorrelationRequest r = read(CORRELATIONS, "{\"rows\":[{\"latencyMs\":120,\"success\":true,"
                + "\"difficulty\":\"hard\",\"qualityScore\":null}]}");
        assertEquals(List.of("success", "qualityScore"), r.targets());
        assertEquals(List.of("latencyMs", "totalTokens", "temperature", "difficulty", "cost"), r.features());
        assertEquals(0.05, r.alpha());
        FeatureRow row = r.data().rows().get(0);
        assertEquals(120, row.latencyMs());
        assertEquals(1, row.success());
        assertEquals(3, row.difficulty());
        assertTrue(Double.isNaN(row.qualityScore()) && Double.isNaN(row.cost()));
        assertEquals(List.of("latencyMs", "totalTokens", "temperature", "difficulty", "cost", "qualityScore"),
                read(CORRELATIONS, "{\"rows\":[],\"targets\":[\"success\"]}").features());
        FeatureData.StoredRecords s = read(CORRELATIONS, "{\"selection\":{\"promptId\":\"p\",\"version\":\"1.0.0\"}}")
                .data().selection();
        assertEquals(new FeatureData.StoredRecords("p", "1.0.0", null, null, null), s);
    }

    @Test
    void theSuccessModelDefaultsToThreeFeaturesAndAThirtyPercentSplitSeeded42() {
        SuccessModelRequest r = read(SUCCESS_MODEL, "{\"rows\":[]}");
        assertEquals(List.of("latencyMs", "totalTokens", "temperature"), r.features());
        assertEquals(0.3, r.testShare());
        assertEquals(42, r.seed());
        SuccessModelRequest given = read(SUCCESS_MODEL,
                "{\"rows\":[],\"features\":[\"qualityScore\"],\"testShare\":0.25,\"seed\":-9007199254740993}");
        assertEquals(-9007199254740993L, given.seed(), "exactly, not through a double");
        assertEquals(0.25, given.testShare());
    }

    @Test
    void aTimeSeriesForecastsADayWithTheSeasonOfItsBucket() {
        TimeSeriesRequest points = read(AnalysisRequestsTest::timeSeries,
                "{\"points\":[{\"time\":\"2026-11-25T00:00:00Z\",\"value\":1.5}]}");
        assertEquals(24, points.horizon());
        assertEquals(24, points.period());
        assertEquals(0.05, points.alpha());
        assertEquals(Instant.parse("2026-11-25T00:00:00Z"), points.points().get(0).time());
        assertEquals(1.5, points.points().get(0).value());
        TimeSeriesRequest daily = read(AnalysisRequestsTest::timeSeries,
                "{\"selection\":{\"promptId\":\"p\",\"bucket\":\"1d\",\"metric\":\"success\"},\"horizon\":12.0,\"period\":null}");
        assertEquals(7, daily.period());
        assertEquals(12, daily.horizon());
        assertEquals(new TimeSeriesRequest.StoredSeries("p", null, null, MetricField.SUCCESS, "1d", null, null), daily.selection());
        TimeSeriesRequest hourly = read(AnalysisRequestsTest::timeSeries, "{\"selection\":{\"promptId\":\"p\"},\"period\":12}");
        assertEquals("1h", hourly.selection().bucket());
        assertEquals(MetricField.QUALITY_SCORE, hourly.selection().metric());
        assertEquals(12, hourly.period());
    }

    /** Small limits for the count tests: horizon 10, 3 points, 5 values or rows (chosen here; each body's count is by hand). */
    private static final AnalysisLimits SMALL = new AnalysisLimits(10, 3, 5);

    private static void tooMany(String field, String setting, Function<RequestObject, ?> reader, String body) {
        ProblemException e = assertThrows(ProblemException.class, () -> read(reader, body.replace('\'', '"')), body);
        assertEquals(413, e.status(), e::getMessage);
        assertEquals(field, e.field(), e::getMessage);
        assertTrue(e.detail().contains(setting), e::getMessage);
    }

    @Test
    void dataSentOverTheirLimitAreRefusedNamingFieldAndSetting() {
        String point = "{'time':'2026-11-25T00:00:00Z','value':1}";
        Function<RequestObject, TimeSeriesRequest> series = body -> TimeSeriesRequest.read(body, SMALL);
        assertEquals(3, read(series, ("{'points':[" + String.join(",", point, point, point) + "]}").replace('\'', '"'))
                .points().size());
        tooMany("points", "promptwatch.analysis.max-points", series, "{'points':[" + String.join(",", point, point, point, point) + "]}");
        // Counted before any element is read: four points that are not even objects are still too many.
        tooMany("points", "promptwatch.analysis.max-points", series, "{'points':[7,7,7,7]}");

        Function<RequestObject, ComparisonRequest> compare = body -> ComparisonRequest.read(body, SMALL);
        assertEquals(2, read(compare, "{\"samples\":{\"A\":[1,2],\"B\":[3,4,5]}}").samples().size(), "2 + 3 = 5 values");
        tooMany("samples", "promptwatch.analysis.max-samples", compare, "{'samples':{'A':[1,2,3],'B':[4,5,6]}}");

        Function<RequestObject, AdjustmentRequest> adjust = body -> AdjustmentRequest.read(body, SMALL);
        assertEquals(5, read(adjust, "{\"pValues\":[0.1,0.2,0.3,0.4,0.5]}").pValues().length);
        tooMany("pValues", "promptwatch.analysis.max-samples", adjust, "{'pValues':[0.1,0.2,0.3,0.4,0.5,0.6]}");

        String rows = "{'rows':[" + "{'latencyMs':1,'success':true},".repeat(5) + "{'latencyMs':2,'success':false}]}";
        tooMany("rows", "promptwatch.analysis.max-samples", body -> CorrelationRequest.read(body, SMALL), rows);
        tooMany("rows", "promptwatch.analysis.max-samples", body -> SuccessModelRequest.read(body, SMALL), rows);
        assertEquals(5, read(body -> SuccessModelRequest.read(body, SMALL),
                ("{'rows':[" + "{'latencyMs':1,'success':true},".repeat(4) + "{'latencyMs':2,'success':false}]}").replace('\'', '"'))
                .data().rows().size());
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "compare       | metric                   | {'metric':'vibes','samples':{}}",
        "compare       | metric                   | {'metric':7,'samples':{}}",
        "compare       | alpha                    | {'alpha':'0.05','samples':{}}",
        "compare       | alpha                    | {'alpha':1.5,'samples':{}}",
        "compare       | practicalThreshold       | {'practicalThreshold':-1,'samples':{}}",
        "compare       | selection                | {'metric':'qualityScore'}",
        "compare       | selection                | {'samples':{},'counts':[]}",
        "compare       | selection                | {'selection':'p1'}",
        "compare       | selection.promptId       | {'selection':{'promptId':7,'versions':['a','b']}}",
        "compare       | selection.promptId       | {'selection':{'versions':['a','b']}}",
        "compare       | selection.versions       | {'selection':{'promptId':'p','versions':['a']}}",
        "compare       | selection.versions[1]    | {'selection':{'promptId':'p','versions':['a',2]}}",
        "compare       | selection.templateIds[2] | {'selection':{'promptId':'p','templateIds':['a','b','a']}}",
        "compare       | selection.from           | {'selection':{'promptId':'p','versions':['a','b'],'from':'yesterday'}}",
        "compare       | samples                  | {'samples':[1,2]}",
        "compare       | samples.B                | {'samples':{'A':[1,2],'B':7}}",
        "compare       | samples.B[1]             | {'samples':{'A':[1,2],'B':[1,'2']}}",
        "compare       | samples.B[0]             | {'samples':{'A':[1,2],'B':[null,2]}}",
        "compare       | samples                  | {'metric':'success','samples':{'A':[1,0],'B':[0,1]}}",
        "compare       | counts                   | {'counts':[{'group':'a','successes':1,'n':2}]}",
        "compare       | counts                   | {'metric':'success','counts':{'a':1}}",
        "compare       | counts[1]                | {'metric':'success','counts':[{'group':'a','successes':1,'n':2},null]}",
        "compare       | counts[0].group          | {'metric':'success','counts':[{'successes':1,'n':2}]}",
        "compare       | counts[1].group          | {'metric':'success','counts':[{'group':'a','successes':1,'n':2},{'group':'a','successes':1,'n':2}]}",
        "compare       | counts[1].n              | {'metric':'success','counts':[{'group':'a','successes':1,'n':2},{'group':'b','successes':0,'n':-5}]}",
        "compare       | counts[0].successes      | {'metric':'success','counts':[{'group':'a','successes':1.5,'n':2}]}",
        "compare       | counts[0].successes      | {'metric':'success','counts':[{'group':'a','successes':null,'n':2}]}",
        "compare       | counts[0].successes      | {'metric':'success','counts':[{'group':'a','successes':3,'n':2}]}",
        "compare       | counts[0].n              | {'metric':'success','counts':[{'group':'a','successes':1,'n':1e30}]}",
        "sample-size   | kind                     | {'kind':'medians','delta':1,'sd':1}",
        "sample-size   | kind                     | {'kind':['means'],'delta':1,'sd':1}",
        "sample-size   | delta                    | {'kind':'means','sd':1}",
        "sample-size   | delta                    | {'kind':'means','delta':null,'sd':1}",
        "sample-size   | sd                       | {'delta':1,'sd':0}",
        "sample-size   | sd                       | {'delta':1,'sd':'1'}",
        "sample-size   | p2                       | {'kind':'proportions','p1':0.5,'p2':1.5}",
        "sample-size   | p1                       | {'kind':'proportions','p2':0.5}",
        "sample-size   | n                        | {'delta':1,'sd':1,'n':-10}",
        "sample-size   | n                        | {'delta':1,'sd':1,'n':'ten'}",
        "sample-size   | power                    | {'delta':1,'sd':1,'power':1}",
        "sample-size   | alpha                    | {'delta':1,'sd':1,'alpha':0}",
        "adjust        | pValues                  | {'pValues':[]}",
        "adjust        | pValues                  | {'pValues':0.5}",
        "adjust        | pValues                  | {}",
        "adjust        | pValues[1]               | {'pValues':[0.5,1.5]}",
        "adjust        | pValues[0]               | {'pValues':[true]}",
        "correlations  | selection                | {'features':['latencyMs']}",
        "correlations  | selection                | {'rows':[],'selection':{}}",
        "correlations  | rows                     | {'rows':{'latencyMs':1}}",
        "correlations  | rows[1]                  | {'rows':[{'latencyMs':1},[2]]}",
        "correlations  | rows[0].latencyMs        | {'rows':[{'latencyMs':[1]}]}",
        "correlations  | rows[0].cost             | {'rows':[{'cost':1e400}]}",
        "correlations  | selection.promptId       | {'selection':{'promptId':7}}",
        "correlations  | selection.to             | {'selection':{'to':'soon'}}",
        "correlations  | targets[0]               | {'rows':[],'targets':[1]}",
        "correlations  | features                 | {'rows':[],'features':'latencyMs'}",
        "correlations  | alpha                    | {'rows':[],'alpha':2}",
        "success-model | seed                     | {'rows':[],'seed':0.5}",
        "success-model | seed                     | {'rows':[],'seed':1e30}",
        "success-model | seed                     | {'rows':[],'seed':'42'}",
        "success-model | testShare                | {'rows':[],'testShare':1}",
        "success-model | testShare                | {'rows':[],'testShare':-0.1}",
        "success-model | features[1]              | {'rows':[],'features':['latencyMs',null]}",
        "timeseries    | horizon                  | {'points':[],'horizon':1.5}",
        "timeseries    | horizon                  | {'points':[],'horizon':4294967320}",
        "timeseries    | horizon                  | {'points':[],'horizon':10001}",
        "timeseries    | horizon                  | {'points':[],'horizon':0}",
        "timeseries    | horizon                  | {'points':[],'horizon':'24'}",
        "timeseries    | period                   | {'points':[],'period':1}",
        "timeseries    | period                   | {'points':[],'period':2147483647}",
        "timeseries    | period                   | {'points':[],'period':24.5}",
        "timeseries    | alpha                    | {'points':[],'alpha':-0.1}",
        "timeseries    | points                   | {}",
        "timeseries    | points                   | {'points':[],'selection':{}}",
        "timeseries    | points                   | {'points':'[]'}",
        "timeseries    | points[0]                | {'points':[7]}",
        "timeseries    | points[1].time           | {'points':[{'time':'2026-11-25T00:00:00Z','value':1},{'value':2}]}",
        "timeseries    | points[0].time           | {'points':[{'time':null,'value':1}]}",
        "timeseries    | points[0].time           | {'points':[{'time':'today','value':1}]}",
        "timeseries    | points[0].value          | {'points':[{'time':'2026-11-25T00:00:00Z'}]}",
        "timeseries    | points[0].value          | {'points':[{'time':'2026-11-25T00:00:00Z','value':'1'}]}",
        "timeseries    | selection                | {'selection':[]}",
        "timeseries    | selection.metric         | {'selection':{'promptId':'p','metric':'vibes'}}",
        "timeseries    | selection.bucket         | {'selection':{'promptId':'p','bucket':1}}",
        "timeseries    | selection.version        | {'selection':{'promptId':'p','version':1.1}}",
    })
    void aBodyOfTheWrongShapeNamesTheField(String endpoint, String field, String body) {
        refused(field, READERS.get(endpoint), body.replace('\'', '"'));
    }
}
