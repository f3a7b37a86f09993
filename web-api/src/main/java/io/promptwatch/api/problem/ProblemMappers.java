package io.promptwatch.api.problem;

import io.promptwatch.problem.ProblemException;
import io.promptwatch.problem.StoreUnavailableException;
import jakarta.ejb.EJBException;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.stream.JsonParsingException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.IOException;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * Turns every exception that reaches JAX-RS into problem+json: refusals keep their status and
 * field, a request body that cannot be read is 400, an overloaded or failing store is 503 with
 * {@code Retry-After}, and anything unexpected is a logged 500 that reveals no internals.
 *
 * <p>Whose fault a JSON failure is depends on where it arises, not on its type or its message: a
 * JSON-P or JSON-B exception while the request entity is read is the client's (the JSON-B
 * provider wraps it in a {@code ProcessingException}, JSON-P's parser may throw it as is), while
 * the same exception writing an answer or parsing a stored document is the server's. So
 * {@link MalformedBodies} turns failures into refusals where the entity is read, and whatever JSON
 * failure reaches a mapper afterwards is unexpected.
 */
public final class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class.getName());

    private ProblemMappers() {
    }

    static Response refusal(ProblemException e) {
        return Problem.of(e.status(), e.title(), e.detail(), e.field()).toResponse().build();
    }

    @Provider
    public static class Refusals implements ExceptionMapper<ProblemException> {
        @Override
        public Response toResponse(ProblemException e) {
            return refusal(e);
        }
    }

    @Provider
    public static class WebErrors implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            Response.StatusType status = e.getResponse().getStatusInfo();
            String detail = switch (status.getStatusCode()) {
                case 404 -> "no resource at this path";
                case 405 -> "this method is not allowed on this path";
                case 415 -> "send the body as application/json";
                case 406 -> "this resource answers application/json";
                default -> e.getMessage();
            };
            Response.ResponseBuilder builder = Problem.of(status.getStatusCode(), status.getReasonPhrase(),
                    status.getStatusCode() == 403 ? e.getMessage() : detail, null).toResponse();
            e.getResponse().getHeaders().forEach((name, values) -> {
                if (!"Content-Type".equalsIgnoreCase(name)) {
                    values.forEach(v -> builder.header(name, v));
                }
            });
            return builder.build();
        }
    }

    /**
     * Reading a request entity: a JSON-P or JSON-B failure anywhere in what the reader throws, or
     * a stream that breaks off, is a 400 on the body; a refusal raised by the stream itself (a body
     * past its size limit, {@code BodyLimitFeature}) is answered as it is, however the reader
     * wrapped it. Runs around every entity reader, so a resource that binds a record with JSON-B
     * and one that takes the text alike answer this way.
     */
    @Provider
    public static class MalformedBodies implements ReaderInterceptor {
        @Override
        public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
            try {
                return context.proceed();
            } catch (IOException e) {
                throw carriedRefusal(e).orElseGet(() -> malformedBody("the request body could not be read"));
            } catch (RuntimeException e) {
                throw readingFailure(e).orElseThrow(() -> e);
            }
        }
    }

    /** A refusal of the request body as a whole. */
    public static ProblemException malformedBody(String detail) {
        return new ProblemException(400, "Malformed request body", detail, "body");
    }

    /**
     * The refusal of a body whose reading failed with {@code failure}: the refusal the stream raised
     * if one is in its cause chain, else a 400 if a JSON-P or JSON-B exception is; the place of a
     * syntax error is told, a binding failure's message is not (it names the server's classes).
     */
    public static Optional<ProblemException> readingFailure(Throwable failure) {
        Optional<ProblemException> carried = carriedRefusal(failure);
        if (carried.isPresent()) {
            return carried;
        }
        boolean json = false;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof JsonParsingException p && p.getLocation() != null) {
                return Optional.of(malformedBody("the body is not valid JSON (line " + p.getLocation().getLineNumber()
                        + ", column " + p.getLocation().getColumnNumber() + ")"));
            }
            json |= t instanceof JsonException || t instanceof JsonbException;
        }
        return json ? Optional.of(malformedBody("the body is not valid JSON of the expected shape")) : Optional.empty();
    }

    /** A refusal in the cause chain of {@code failure}: one the request's own stream raised while a reader read it. */
    public static Optional<ProblemException> carriedRefusal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ProblemException p) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    @Provider
    public static class BreakerOpen implements ExceptionMapper<CircuitBreakerOpenException> {
        @Inject
        @ConfigProperty(name = "promptwatch.ingest.retry-after-seconds")
        int retryAfterSeconds;

        @Override
        public Response toResponse(CircuitBreakerOpenException e) {
            return unavailable("the database has been failing; writes are paused while the circuit breaker is open",
                    retryAfterSeconds);
        }
    }

    @Provider
    public static class BulkheadFull implements ExceptionMapper<BulkheadException> {
        @Override
        public Response toResponse(BulkheadException e) {
            return unavailable("too many writes are in progress; retry shortly", 1);
        }
    }

    @Provider
    public static class StoreFailures implements ExceptionMapper<StoreUnavailableException> {
        @Inject
        @ConfigProperty(name = "promptwatch.ingest.retry-after-seconds")
        int retryAfterSeconds;

        @Override
        public Response toResponse(StoreUnavailableException e) {
            LOG.log(Level.WARNING, "Ingest write failed", e);
            return unavailable("the database failed the write; nothing of this request was stored, send it again later",
                    retryAfterSeconds);
        }
    }

    /**
     * A business method's failure: a refusal raised inside it keeps its status and field, a
     * database failure is answered by what it means ({@link DatabaseFailure}), anything else is
     * unexpected.
     */
    @Provider
    public static class EjbErrors implements ExceptionMapper<EJBException> {
        @Override
        public Response toResponse(EJBException e) {
            return answer(e);
        }
    }

    /** Whatever no other mapper takes, a database failure outside a business method included. */
    @Provider
    public static class Unexpected implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable e) {
            return answer(e);
        }
    }

    static Response answer(Throwable e) {
        Optional<ProblemException> refusal = carriedRefusal(e);
        if (refusal.isPresent()) {
            return refusal(refusal.get());
        }
        return switch (DatabaseFailure.in(e).orElse(DatabaseFailure.FAULT)) {
            case CONFLICT -> Problem.of(409, "Conflict",
                    "a concurrent request changed the same item first; read it again before retrying", null)
                    .toResponse().build();
            case UNAVAILABLE -> {
                LOG.log(Level.WARNING, "Database failure answering a request", e);
                yield unavailable("the database is not answering; retry shortly", 5);
            }
            case FAULT -> unexpected(e);
        };
    }

    public static Response unavailable(String detail, int retryAfterSeconds) {
        return Problem.of(503, "Service unavailable", detail, null).toResponse()
                .header("Retry-After", retryAfterSeconds).build();
    }

    static Response unexpected(Throwable e) {
        LOG.log(Level.SEVERE, "Unexpected error answering a request", e);
        return Problem.of(500, "Internal server error", "the server failed unexpectedly; the cause is in its log", null)
                .toResponse().build();
    }

}
