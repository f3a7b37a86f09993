package io.promptwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Data that leaves a statistic undefined is answered, not failed: the figure is null and a warning
 * says why (issue 17: one point a day made the seasonality F test NaN and the answer a 500; so did
 * a series whose median absolute deviation is 0).
 */
@ExtendWith(ArquillianExtension.class)
class UndefinedStatisticsIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Api.ear();
    }

    private final Api viewer = Api.as(Api.newKey("viewer"));

    @Test
    void onePointADayHasNoHourOfDayTest() {
        JsonObject answer = analyse(series(Instant.parse("2026-11-01T09:00:00Z"), Duration.ofDays(1), 21, day -> 10 + day % 3));
        JsonObject seasonality = answer.getJsonObject("seasonality");
        assertUndefined(seasonality, "hourF");
        assertUndefined(seasonality, "hourPValue");
        // 21 days cover every weekday three times: that test is defined.
        assertTrue(seasonality.getJsonNumber("dayF").doubleValue() >= 0, seasonality::toString);
        assertTrue(warnings(answer).stream().anyMatch(w -> w.contains("hour-of-day F test")), answer::toString);
    }

    @Test
    void aSeriesWithAMedianAbsoluteDeviationOfZeroFlagsWithNullScores() {
        JsonObject answer = analyse(series(Instant.parse("2026-11-01T00:00:00Z"), Duration.ofHours(1), 30, h -> h == 17 ? 9 : 5));
        JsonObject flagged = answer.getJsonObject("anomalies").getJsonArray("mad").getJsonObject(0);
        assertEquals(17, flagged.getInt("index"), answer::toString);
        assertUndefined(flagged, "score");
        assertTrue(warnings(answer).stream().anyMatch(w -> w.contains("median absolute deviation is 0")), answer::toString);
    }

    @Test
    void aConstantSeriesIsAnsweredWithItsUndefinedFiguresNamed() {
        JsonObject answer = analyse(series(Instant.parse("2026-11-01T00:00:00Z"), Duration.ofHours(1), 30, h -> 5));
        assertUndefined(answer.getJsonObject("trend"), "t");
        assertEquals("flat", answer.getJsonObject("trend").getString("direction"));
        List<String> warnings = warnings(answer);
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("trend:")), warnings::toString);
        assertTrue(warnings.stream().anyMatch(w -> w.contains("standard deviation 0")), warnings::toString);
    }

    @Test
    void aCorrelationWithAConstantColumnIsNotAFailure() {
        JsonArrayBuilder rows = Json.createArrayBuilder();
        for (int i = 0; i < 20; i++) {
            rows.add(Json.createObjectBuilder().add("qualityScore", 0.5).add("success", i % 2 == 0));
        }
        Api.Reply reply = viewer.post("/api/v1/analysis/correlations",
                "{\"rows\":" + rows.build() + ",\"features\":[\"qualityScore\"],\"targets\":[\"success\"]}");
        assertTrue(reply.status() < 500, reply::toString);
        if (reply.status() >= 400) {
            assertTrue(reply.contentType().startsWith("application/problem+json"), reply::toString);
        }
    }

    /** Null, or left out as JSON-B leaves out null members: never a number, never a failure. */
    private static void assertUndefined(JsonObject object, String member) {
        assertTrue(!object.containsKey(member) || object.get(member) == JsonValue.NULL, object::toString);
    }

    private JsonObject analyse(JsonArrayBuilder points) {
        Api.Reply reply = viewer.post("/api/v1/analysis/timeseries",
                Json.createObjectBuilder().add("points", points).add("horizon", 3).build().toString());
        assertEquals(200, reply.status(), reply::toString);
        return reply.object();
    }

    private static JsonArrayBuilder series(Instant start, Duration step, int count, IntToDoubleFunction value) {
        JsonArrayBuilder points = Json.createArrayBuilder();
        for (int i = 0; i < count; i++) {
            points.add(Json.createObjectBuilder().add("time", start.plus(step.multipliedBy(i)).toString())
                    .add("value", value.applyAsDouble(i)));
        }
        return points;
    }

    private static List<String> warnings(JsonObject answer) {
        return answer.getJsonArray("warnings").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }
}
