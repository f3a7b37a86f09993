package io.promptwatch.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptwatch.problem.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestObjectTest {

    /** promptwatch.json.max-depth as shipped. */
    private static final int DEPTH = 64;

    /** The refusal of reading {@code body} with {@code read}: a 400 naming {@code field}. */
    static ProblemException refused(String field, String body, Consumer<RequestObject> read) {
        ProblemException e = assertThrows(ProblemException.class, () -> read.accept(RequestObject.parse(body, DEPTH)));
        assertEquals(400, e.status(), e::getMessage);
        assertEquals(field, e.field(), e::getMessage);
        return e;
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "\"text\"", "true", "null", "42", "[{\"a\":1}]", "{\"a\":", "{} {}", "{}x", "{\"a\":1}]", "{'a':1}"})
    void aBodyThatIsNotOneJsonObjectIsRefusedAsAWhole(String body) {
        ProblemException e = refused("body", body, o -> { });
        assertEquals("Malformed request body", e.title());
    }

    @Test
    void aSyntaxErrorIsPlaced() {
        ProblemException e = refused("body", "{\n  \"a\": [1,\n  2", o -> { });
        assertTrue(e.detail().contains("line 3"), e.detail());
    }

    @Test
    void theKindOfAWrongValueIsNamed() {
        assertTrue(refused("name", "{\"name\":7}", o -> o.string("name", null)).detail().endsWith("got a number"));
        assertTrue(refused("n", "{\"n\":\"7\"}", o -> o.number("n", 0)).detail().endsWith("got a string"));
        assertTrue(refused("n", "{\"n\":[7]}", o -> o.number("n", 0)).detail().endsWith("got an array"));
        assertTrue(refused("s", "{\"s\":true}", o -> o.object("s")).detail().endsWith("got true"));
    }

    @Test
    void aStringHoldingNulIsRefused() {
        assertTrue(refused("name", "{\"name\":\"a\\u0000b\"}", o -> o.string("name", null)).detail().contains("U+0000"));
        refused("tags[0]", "{\"tags\":[\"\\u0000\"]}", o -> o.strings("tags", List.of()));
        assertEquals("a\u0001b", RequestObject.parse("{\"name\":\"a\\u0001b\"}", DEPTH).string("name", null));
    }

    @Test
    void aFlagIsTrueOrFalseOnly() {
        assertEquals(Boolean.FALSE, RequestObject.parse("{\"on\":false}", DEPTH).bool("on", true));
        assertEquals(Boolean.TRUE, RequestObject.parse("{\"on\":null}", DEPTH).bool("on", true));
        assertNull(RequestObject.parse("{}", DEPTH).bool("on", null));
        assertTrue(refused("on", "{\"on\":\"true\"}", o -> o.bool("on", null)).detail().endsWith("got a string"));
        refused("on", "{\"on\":1}", o -> o.bool("on", null));
    }

    @Test
    void nestedValuesAreRefusedByTheirFullPath() {
        refused("selection.promptId", "{\"selection\":{\"promptId\":7}}", o -> o.object("selection").requiredString("promptId"));
        refused("counts[1].n", "{\"counts\":[{\"n\":1},{\"n\":-2}]}",
                o -> o.objects("counts").forEach(c -> c.requiredWholeNumber("n", 0, 10)));
        refused("counts[1]", "{\"counts\":[{\"n\":1},7]}", o -> o.objects("counts"));
        refused("groups[1].values[0]", "{\"groups\":[{\"values\":[1]},{\"values\":[\"x\"]}]}",
                o -> o.objects("groups").forEach(g -> g.numbers("values")));
        refused("tags[2]", "{\"tags\":[\"a\",\"b\",null]}", o -> o.strings("tags", List.of()));
    }

    @Test
    void nullIsTheSameAsLeftOut() {
        RequestObject o = RequestObject.parse("{\"a\":null,\"b\":null,\"c\":null}", DEPTH);
        assertFalse(o.has("a"));
        assertEquals("fallback", o.string("a", "fallback"));
        assertEquals(0.5, o.number("b", 0.5));
        assertNull(o.instant("c"));
        assertEquals(List.of("x"), o.strings("a", List.of("x")));
        refused("a", "{\"a\":null}", r -> r.requiredNumber("a"));
    }

    @Test
    void wholeNumbersAreNeverTruncatedNorWrapped() {
        RequestObject o = RequestObject.parse("{\"a\":7,\"b\":7.0,\"c\":7e0,\"d\":-9223372036854775808,\"e\":0.0}", DEPTH);
        assertEquals(7, o.wholeNumber("a", 0, 0, 10));
        assertEquals(7, o.wholeNumber("b", 0, 0, 10));
        assertEquals(7, o.wholeNumber("c", 0, 0, 10));
        assertEquals(Long.MIN_VALUE, o.wholeNumber("d", 0, Long.MIN_VALUE, Long.MAX_VALUE));
        assertEquals(0, o.wholeNumber("e", 5, 0, 10));
        assertEquals(3, o.wholeNumber("missing", 3, 0, 10));
        refused("a", "{\"a\":7.5}", r -> r.wholeNumber("a", 0, 0, 10));
        refused("a", "{\"a\":11}", r -> r.wholeNumber("a", 0, 0, 10));
        refused("a", "{\"a\":-1}", r -> r.wholeNumber("a", 0, 0, 10));
        // (int) 4294967297.0 would be 1 and (long) 1e30 would be Long.MAX_VALUE.
        refused("a", "{\"a\":4294967297}", r -> r.wholeNumber("a", 0, 0, Integer.MAX_VALUE));
        refused("a", "{\"a\":1e30}", r -> r.wholeNumber("a", 0, Long.MIN_VALUE, Long.MAX_VALUE));
        refused("a", "{\"a\":9223372036854775808}", r -> r.wholeNumber("a", 0, Long.MIN_VALUE, Long.MAX_VALUE));
        refused("a", "{\"a\":\"7\"}", r -> r.wholeNumber("a", 0, 0, 10));
    }

    @Test
    void aHugeExponentIsRefusedAtOnce() {
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            refused("a", "{\"a\":1e999999999}", r -> r.wholeNumber("a", 0, 0, 10));
            refused("a", "{\"a\":1e-999999999}", r -> r.wholeNumber("a", 0, 0, 10));
        });
    }

    @Test
    void numbersMustBeFinite() {
        refused("a", "{\"a\":1e400}", r -> r.number("a", 0));
        refused("v[1]", "{\"v\":[1,-1e400]}", r -> r.numbers("v"));
        assertArrayEquals(new double[] {1, 2.5}, RequestObject.parse("{\"v\":[1,2.5]}", DEPTH).numbers("v"));
    }

    @Test
    void probabilitiesLieStrictlyBetweenZeroAndOne() {
        assertEquals(0.05, RequestObject.parse("{}", DEPTH).probability("alpha", 0.05));
        assertEquals(0.1, RequestObject.parse("{\"alpha\":0.1}", DEPTH).probability("alpha", 0.05));
        refused("alpha", "{\"alpha\":0}", r -> r.probability("alpha", 0.05));
        refused("alpha", "{\"alpha\":1}", r -> r.probability("alpha", 0.05));
    }

    @Test
    void instantsAreIso8601() {
        assertEquals(Instant.parse("2026-11-25T10:15:30Z"),
                RequestObject.parse("{\"s\":{\"from\":\"2026-11-25T10:15:30Z\"}}", DEPTH).object("s").instant("from"));
        refused("s.from", "{\"s\":{\"from\":\"yesterday\"}}", r -> r.object("s").instant("from"));
        refused("s.from", "{\"s\":{\"from\":1764065730}}", r -> r.object("s").instant("from"));
    }

    @Test
    void exactlyOneSourceIsGiven() {
        assertEquals("b", RequestObject.parse("{\"a\":null,\"b\":{}}", DEPTH).oneOf("a", "a", "b", "c"));
        refused("a", "{\"a\":{},\"b\":{}}", r -> r.oneOf("a", "a", "b", "c"));
        refused("a", "{}", r -> r.oneOf("a", "a", "b", "c"));
    }

    @Test
    void membersKeepTheOrderSent() {
        assertEquals(List.of("z", "a", "m"), List.copyOf(RequestObject.parse("{\"z\":1,\"a\":2,\"m\":3}", DEPTH).names()));
    }

    @Test
    void nestingPastTheLimitIsTheBodysFault() {
        for (int depth : new int[] {DEPTH + 1, 5_000}) {
            String body = "{\"a\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
            ProblemException e = assertThrows(ProblemException.class, () -> RequestObject.parse(body, DEPTH));
            assertEquals(400, e.status());
            assertEquals("body", e.field());
        }
        assertEquals(List.of("a"), List.copyOf(RequestObject.parse("{\"a\":" + "[".repeat(10) + "]".repeat(10) + "}", DEPTH).names()));
    }
}
