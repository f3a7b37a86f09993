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
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The analysis requests: what a valid body reads as (the defaults are the ones README states),
 * and that a body of the wrong shape or out of range is a 400 naming the exact field.
 */
class AnalysisRequestsTest {

    private static final int MAX_HORIZON = 10_000;

    private static <T> T read(Function<RequestObject, T> reader, String body) {
        return reader.apply(RequestObject.parse(body));
    }

    private static void refused(String field, Function<RequestObject, ?> reader, String body) {
        ProblemException e = assertThrows(ProblemException.class, () -> read(reader, body), body);
        assertEquals(400, e.status(), e::getMessage);
        assertEquals(field, e.field(), () -> body + ": " + e.getMessage());
    }

    private static TimeSeriesRequest timeSeries(RequestObject body) {
        return TimeSeriesRequest.read(body, MAX_HORIZON);
    }

    @Test
    void aComparisonOfSamplesKeepsTheGroupsInOrderWithTheDefaults() {
        ComparisonRequest r = read(ComparisonRequest::read, "{\"samples\":{\"B\":[1,2.5],\"A\":[3,4]}}");
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
        ComparisonRequest counts = read(ComparisonRequest::read, "{\"metric\":\"success\",\"alpha\":0.01,\"counts\":["
                + "{\"group\":\"1.0.0\",\"successes\":30,\"n\":40},{\"group\":\"1.1.0\",\"successes\":36.0,\"n\":40}]}");
        assertEquals(0.01, counts.settings().alpha());
        assertEquals(List.of("1.0.0", "1.1.0"), List.copyOf(counts.counts().keySet()));
        assertEquals(new Counts(36, 40), counts.counts().get("1.1.0"));

        RecordSelection s = read(ComparisonRequest::read, "{\"metric\":\"latencyMs\",\"selection\":{\"promptId\":\"p\","
                + "\"templateIds\":[\"t1\",\"t2\"],\"model\":\"m\",\"from\":\"2026-11-25T00:00:00Z\"}}").selection();
        assertEquals(new RecordSelection("p", RecordSelection.GroupBy.TEMPLATE, List.of("t1", "t2"), "m",
                Instant.parse("2026-11-25T00:00:00Z"), null), s);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "metric              | {'metric':'vibes','samples':{}}",
        "metric              | {'metric':7,'samples':{}}",
        "alpha               | {'alpha':'0.05','samples':{}}",
        "alpha               | {'alpha':1.5,'samples':{}}",
        "practicalThreshold  | {'practicalThreshold':-1,'samples':{}}",
        "selection           | {'metric':'qualityScore'}",
        "selection           | {'samples':{},'counts':[]}",
        "selection           | {'selection':'p1'}",
        "selection.promptId  | {'selection':{'promptId':7,'versions':['a','b']}}",
        "selection.promptId  | {'selection':{'versions':['a','b']}}",
        "selection.versions  | {'selection':{'promptId':'p','versions':['a']}}",
        "selection.versions[1] | {'selection':{'promptId':'p','versions':['a',2]}}",
        "selection.templateIds[2] | {'selection':{'promptId':'p','templateIds':['a','b','a']}}",
        "selection.from      | {'selection':{'promptId':'p','versions':['a','b'],'from':'yesterday'}}",
        "samples             | {'samples':[1,2]}",
        "samples.B           | {'samples':{'A':[1,2],'B':7}}",
        "samples.B[1]        | {'samples':{'A':[1,2],'B':[1,'2']}}",
        "samples.B[0]        | {'samples':{'A':[1,2],'B':[null,2]}}",
        "samples             | {'metric':'success','samples':{'A':[1,0],'B':[0,1]}}",
        "counts              | {'counts':[{'group':'a','successes':1,'n':2}]}",
        "counts              | {'metric':'success','counts':{'a':1}}",
        "counts[1]           | {'metric':'success','counts':[{'group':'a','successes':1,'n':2},null]}",
        "counts[0].group     | {'metric':'success','counts':[{'successes':1,'n':2}]}",
        "counts[1].group     | {'metric':'success','counts':[{'group':'a','successes':1,'n':2},{'group':'a','successes':1,'n':2}]}",
        "counts[1].n         | {'metric':'success','counts':[{'group':'a','successes':1,'n':2},{'group':'b','successes':0,'n':-5}]}",
        "counts[0].successes | {'metric':'success','counts':[{'group':'a','successes':1.5,'n':2}]}",
        "counts[0].successes | {'metric':'success','counts':[{'group':'a','successes':null,'n':2}]}",
        "counts[0].successes | {'metric':'success','counts':[{'group':'a','successes':3,'n':2}]}",
        "counts[0].n         | {'metric':'success','counts':[{'group':'a','successes':1,'n':1e30}]}",
    })
    void aComparisonOfTheWrongShapeNamesTheField(String field, String body) {
        refused(field, ComparisonRequest::read, body.replace('\'', '"'));
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

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "kind  | {'kind':'medians','delta':1,'sd':1}",
        "kind  | {'kind':['means'],'delta':1,'sd':1}",
        "delta | {'kind':'means','sd':1}",
        "delta | {'kind':'means','delta':null,'sd':1}",
        "sd    | {'delta':1,'sd':0}",
        "sd    | {'delta':1,'sd':'1'}",
        "p2    | {'kind':'proportions','p1':0.5,'p2':1.5}",
        "p1    | {'kind':'proportions','p2':0.5}",
        "n     | {'delta':1,'sd':1,'n':-10}",
        "n     | {'delta':1,'sd':1,'n':'ten'}",
        "power | {'delta':1,'sd':1,'power':1}",
        "alpha | {'delta':1,'sd':1,'alpha':0}",
    })
    void aSampleSizeOfTheWrongShapeNamesTheField(String field, String body) {
        refused(field, SampleSizeRequest::read, body.replace('\'', '"'));
    }

    @Test
    void pValuesAreRefusedOneByOne() {
        assertArrayEquals(new double[] {0.01, 0.04, 0.03}, read(AdjustmentRequest::read, "{\"pValues\":[0.01,0.04,0.03]}").pValues());
        refused("pValues", AdjustmentRequest::read, "{\"pValues\":[]}");
        refused("pValues", AdjustmentRequest::read, "{\"pValues\":0.5}");
        refused("pValues", AdjustmentRequest::read, "{}");
        refused("pValues[1]", AdjustmentRequest::read, "{\"pValues\":[0.5,1.5]}");
        refused("pValues[0]", AdjustmentRequest::read, "{\"pValues\":[true]}");
    }

    @Test
    void correlationsDefaultToEveryOtherFeatureAgainstSuccessAndQuality() {
        CorrelationRequest r = read(CorrelationRequest::read, "{\"rows\":[{\"latencyMs\":120,\"success\":true,"
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
                read(CorrelationRequest::read, "{\"rows\":[],\"targets\":[\"success\"]}").features());
        FeatureData.StoredRecords s = read(CorrelationRequest::read, "{\"selection\":{\"promptId\":\"p\",\"version\":\"1.0.0\"}}")
                .data().selection();
        assertEquals(new FeatureData.StoredRecords("p", "1.0.0", null, null, null), s);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "selection              | {'features':['latencyMs']}",
        "selection              | {'rows':[],'selection':{}}",
        "rows                   | {'rows':{'latencyMs':1}}",
        "rows[1]                | {'rows':[{'latencyMs':1},[2]]}",
        "rows[0].latencyMs      | {'rows':[{'latencyMs':[1]}]}",
        "rows[0].cost           | {'rows':[{'cost':1e400}]}",
        "selection.promptId     | {'selection':{'promptId':7}}",
        "selection.to           | {'selection':{'to':'soon'}}",
        "targets[0]             | {'rows':[],'targets':[1]}",
        "features               | {'rows':[],'features':'latencyMs'}",
        "alpha                  | {'rows':[],'alpha':2}",
    })
    void correlationsOfTheWrongShapeNameTheField(String field, String body) {
        refused(field, CorrelationRequest::read, body.replace('\'', '"'));
    }

    @Test
    void theSuccessModelDefaultsToThreeFeaturesAndAThirtyPercentSplitSeeded42() {
        SuccessModelRequest r = read(SuccessModelRequest::read, "{\"rows\":[]}");
        assertEquals(List.of("latencyMs", "totalTokens", "temperature"), r.features());
        assertEquals(0.3, r.testShare());
        assertEquals(42, r.seed());
        SuccessModelRequest given = read(SuccessModelRequest::read,
                "{\"rows\":[],\"features\":[\"qualityScore\"],\"testShare\":0.25,\"seed\":-9007199254740993}");
        assertEquals(-9007199254740993L, given.seed(), "exactly, not through a double");
        assertEquals(0.25, given.testShare());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "seed      | {'rows':[],'seed':0.5}",
        "seed      | {'rows':[],'seed':1e30}",
        "seed      | {'rows':[],'seed':'42'}",
        "testShare | {'rows':[],'testShare':1}",
        "features[1] | {'rows':[],'features':['latencyMs',null]}",
    })
    void aSuccessModelOfTheWrongShapeNamesTheField(String field, String body) {
        refused(field, SuccessModelRequest::read, body.replace('\'', '"'));
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

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "horizon            | {'points':[],'horizon':1.5}",
        "horizon            | {'points':[],'horizon':4294967320}",
        "horizon            | {'points':[],'horizon':10001}",
        "horizon            | {'points':[],'horizon':0}",
        "horizon            | {'points':[],'horizon':'24'}",
        "period             | {'points':[],'period':1}",
        "period             | {'points':[],'period':2147483647}",
        "period             | {'points':[],'period':24.5}",
        "alpha              | {'points':[],'alpha':-0.1}",
        "points             | {}",
        "points             | {'points':[],'selection':{}}",
        "points             | {'points':'[]'}",
        "points[0]          | {'points':[7]}",
        "points[1].time     | {'points':[{'time':'2026-11-25T00:00:00Z','value':1},{'value':2}]}",
        "points[0].time     | {'points':[{'time':null,'value':1}]}",
        "points[0].time     | {'points':[{'time':'today','value':1}]}",
        "points[0].value    | {'points':[{'time':'2026-11-25T00:00:00Z'}]}",
        "points[0].value    | {'points':[{'time':'2026-11-25T00:00:00Z','value':'1'}]}",
        "selection          | {'selection':[]}",
        "selection.metric   | {'selection':{'promptId':'p','metric':'vibes'}}",
        "selection.bucket   | {'selection':{'promptId':'p','bucket':1}}",
        "selection.version  | {'selection':{'promptId':'p','version':1.1}}",
    })
    void aTimeSeriesOfTheWrongShapeNamesTheField(String field, String body) {
        refused(field, AnalysisRequestsTest::timeSeries, body.replace('\'', '"'));
    }
}
