package io.promptwatch.api.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptwatch.problem.ProblemException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.EOFException;
import java.io.StringReader;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

/**
 * A failure while a request entity is read is told apart by its type and its place, never by its
 * message: the exceptions here carry messages that would have misled the old text search.
 */
class MalformedBodiesTest {

    /** A reading whose entity reader throws {@code failure}, or answers {@code entity}. */
    private static ReaderInterceptorContext reading(Throwable failure, Object entity) {
        return (ReaderInterceptorContext) Proxy.newProxyInstance(MalformedBodiesTest.class.getClassLoader(),
                new Class<?>[] {ReaderInterceptorContext.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("proceed")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    if (failure != null) {
                        throw failure;
                    }
                    return entity;
                });
    }

    private static ProblemException refusal(Throwable failure) {
        ProblemException e = assertThrows(ProblemException.class,
                () -> new ProblemMappers.MalformedBodies().aroundReadFrom(reading(failure, null)));
        assertEquals(400, e.status());
        assertEquals("body", e.field());
        assertEquals("Malformed request body", e.title());
        return e;
    }

    private static JsonParsingException syntaxError() {
        try (var reader = Json.createReader(new StringReader("{\n\"a\": }"))) {
            reader.readValue();
        } catch (JsonParsingException e) {
            return e;
        }
        throw new AssertionError("not refused");
    }

    @Test
    void aBindingFailureWrappedByTheJsonBProviderIsTheClients() {
        ProblemException e = refusal(new ProcessingException("Error writing JSON-B",
                new JsonbException("Unable to serialize property 'x' from io.promptwatch.Internal")));
        assertEquals("the body is not valid JSON of the expected shape", e.detail(), "no class name of the server's");
    }

    @Test
    void aParsingFailureIsTheClientsAndPlaced() {
        assertTrue(refusal(syntaxError()).detail().contains("line 2"));
        assertTrue(refusal(new ProcessingException("x", new JsonbException("x", syntaxError()))).detail().contains("line 2"));
        refusal(new JsonException("Internal error"));
    }

    @Test
    void aStreamThatBreaksOffIsTheClients() {
        refusal(new EOFException("server closed"));
    }

    @Test
    void anyOtherFailurePassesUnchanged() throws Exception {
        RuntimeException other = new IllegalStateException("cannot deserialize: parse error");
        assertSame(other, assertThrows(IllegalStateException.class,
                () -> new ProblemMappers.MalformedBodies().aroundReadFrom(reading(other, null))));
        ProcessingException noReader = new ProcessingException("MessageBodyReader not found");
        assertSame(noReader, assertThrows(ProcessingException.class,
                () -> new ProblemMappers.MalformedBodies().aroundReadFrom(reading(noReader, null))));
        assertEquals("entity", new ProblemMappers.MalformedBodies().aroundReadFrom(reading(null, "entity")));
    }
}
