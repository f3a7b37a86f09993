package io.promptwatch.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptwatch.api.problem.ProblemMappers;
import io.promptwatch.problem.ProblemException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * The body limit: a declared length over it is refused before the body is touched, a streamed body
 * at the first byte past it, and the refusal survives the wrapping of the readers that meet it.
 * The limits here are small numbers chosen for the test; each body's size is counted by hand.
 */
class BodyLimitFeatureTest {

    private static final String SETTING = BodyLimitFeature.DEFAULT_SETTING;

    private static InputStream bounded(String body, long limit) {
        return new BodyLimitFeature.Bounded(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), limit, SETTING);
    }

    private static void assertTooLarge(ProblemException e, long limit) {
        assertEquals(413, e.status());
        assertEquals("body", e.field());
        assertEquals("Payload too large", e.title());
        assertEquals("the body is larger than " + limit + " bytes (" + SETTING + ")", e.detail());
    }

    @Test
    void aBodyOfExactlyTheLimitIsReadWhole() throws IOException {
        // {"a":1} is 7 bytes.
        assertArrayEquals("{\"a\":1}".getBytes(StandardCharsets.UTF_8), bounded("{\"a\":1}", 7).readAllBytes());
        InputStream oneByOne = bounded("{\"a\":1}", 7);
        for (int i = 0; i < 7; i++) {
            assertTrue(oneByOne.read() >= 0);
        }
        assertEquals(-1, oneByOne.read());
    }

    @Test
    void theFirstBytePastTheLimitIsRefused() {
        // {"a":12} is 8 bytes: one past a limit of 7, read in bulk, byte by byte, or skipped over.
        assertTooLarge(assertThrows(ProblemException.class, () -> bounded("{\"a\":12}", 7).readAllBytes()), 7);
        InputStream oneByOne = bounded("{\"a\":12}", 7);
        assertTooLarge(assertThrows(ProblemException.class, () -> {
            for (int i = 0; i < 8; i++) {
                oneByOne.read();
            }
        }), 7);
        assertTooLarge(assertThrows(ProblemException.class, () -> bounded("{\"a\":12}", 7).skip(8)), 7);
    }

    @Test
    void noMarkSoNoByteIsCountedTwice() {
        assertEquals(false, bounded("{}", 2).markSupported());
    }

    @Test
    void theDeclaredLengthIsReadAsTheContainerWouldHaveChecked() {
        assertEquals(1_048_577, BodyLimitFeature.declaredLength("1048577"));
        assertEquals(0, BodyLimitFeature.declaredLength(" 0 "));
        assertEquals(-1, BodyLimitFeature.declaredLength(null));
        assertEquals(-1, BodyLimitFeature.declaredLength("-5"));
        assertEquals(-1, BodyLimitFeature.declaredLength("12ab"));
        assertEquals(Long.MAX_VALUE, BodyLimitFeature.declaredLength("99999999999999999999999"));
    }

    /** A request with this Content-Length whose entity stream, if anything asks for it, is {@code body}. */
    private static ContainerRequestContext request(String contentLength, String body, List<String> calls) {
        InputStream[] entity = {new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))};
        return (ContainerRequestContext) Proxy.newProxyInstance(BodyLimitFeatureTest.class.getClassLoader(),
                new Class<?>[] {ContainerRequestContext.class}, (proxy, method, args) -> {
                    calls.add(method.getName());
                    return switch (method.getName()) {
                        case "getHeaderString" -> "Content-Length".equalsIgnoreCase((String) args[0]) ? contentLength : null;
                        case "getEntityStream" -> entity[0];
                        case "setEntityStream" -> {
                            entity[0] = (InputStream) args[0];
                            yield null;
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    };
                });
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedBeforeTheBodyIsTouched() {
        List<String> calls = new ArrayList<>();
        BodyLimitFeature.SizeFilter filter = new BodyLimitFeature.SizeFilter(7, SETTING);
        assertTooLarge(assertThrows(ProblemException.class, () -> filter.filter(request("8", "{\"a\":12}", calls))), 7);
        assertEquals(List.of("getHeaderString"), calls, "the entity stream is never asked for");
    }

    @Test
    void aBodyWithoutLengthIsCountedAsItIsRead() throws IOException {
        List<String> calls = new ArrayList<>();
        ContainerRequestContext chunked = request(null, "{\"a\":12}", calls);
        new BodyLimitFeature.SizeFilter(7, SETTING).filter(chunked);
        assertInstanceOf(BodyLimitFeature.Bounded.class, chunked.getEntityStream());
        assertTooLarge(assertThrows(ProblemException.class, () -> chunked.getEntityStream().readAllBytes()), 7);

        ContainerRequestContext within = request("7", "{\"a\":1}", new ArrayList<>());
        new BodyLimitFeature.SizeFilter(7, SETTING).filter(within);
        assertEquals("{\"a\":1}", new String(within.getEntityStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** An entity reading whose reader is {@code reader}, passed through MalformedBodies. */
    private static Object readThroughMalformedBodies(Callable<Object> reader) throws IOException {
        ReaderInterceptorContext context = (ReaderInterceptorContext) Proxy.newProxyInstance(
                BodyLimitFeatureTest.class.getClassLoader(), new Class<?>[] {ReaderInterceptorContext.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("proceed")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return reader.call();
                });
        return new ProblemMappers.MalformedBodies().aroundReadFrom(context);
    }

    @Test
    void theRefusalComesThroughAJsonParserReadingTheStream() {
        // Parsson reading an array of 2,001 bytes ("[" 1, 999 times "0," 1,998, "0]" 2) through a 1,000-byte limit.
        String body = "[" + "0,".repeat(999) + "0]";
        assertEquals(2_001, body.length());
        ProblemException e = assertThrows(ProblemException.class, () -> readThroughMalformedBodies(() -> {
            try (var reader = Json.createReader(bounded(body, 1_000))) {
                return reader.readValue();
            }
        }));
        assertTooLarge(e, 1_000);
    }

    @Test
    void theRefusalComesThroughTheWrappingOfJsonBAndJersey() {
        ProblemException tooLarge = BodyLimitFeature.tooLarge(7, SETTING);
        assertTooLarge(assertThrows(ProblemException.class, () -> readThroughMalformedBodies(() -> {
            throw new ProcessingException("Error reading entity", new JsonbException("Internal error", new JsonException("I/O", tooLarge)));
        })), 7);
        assertTooLarge(assertThrows(ProblemException.class, () -> readThroughMalformedBodies(() -> {
            throw new IOException("reading failed", tooLarge);
        })), 7);
    }

    @Test
    void aBodyWithinTheLimitIsReadAsIfNothingWereThere() throws IOException {
        Object read = readThroughMalformedBodies(() -> {
            try (var reader = Json.createReader(bounded("{\"a\":1}", 7))) {
                return reader.readValue();
            }
        });
        assertEquals(Json.createObjectBuilder().add("a", 1).build(), read);
    }

    @Test
    void onlyTheIngestEndpointsTakeTheBatchLimit() throws NoSuchMethodException {
        Class<?> executions = io.promptwatch.api.tracking.ExecutionsResource.class;
        assertEquals("promptwatch.ingest.batch.max-bytes", executions
                .getMethod("ingestOne", jakarta.ws.rs.core.UriInfo.class, InputStream.class).getAnnotation(BodyLimit.class).value());
        assertEquals("promptwatch.ingest.batch.max-bytes",
                executions.getMethod("ingestBatch", InputStream.class).getAnnotation(BodyLimit.class).value());
        assertNull(executions.getMethod("feedback", String.class, io.promptwatch.api.tracking.ExecutionsResource.Feedback.class)
                .getAnnotation(BodyLimit.class));
        assertNull(executions.getAnnotation(BodyLimit.class));
    }
}
