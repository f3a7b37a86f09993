package io.promptwatch.api.tracking;

import io.promptwatch.api.BodyLimit;
import io.promptwatch.api.JsonBodies;
import io.promptwatch.api.RequestObject;
import io.promptwatch.api.problem.Problem;
import io.promptwatch.problem.ProblemException;
import io.promptwatch.security.entity.Role;
import io.promptwatch.tracking.boundary.ExecutionFilter;
import io.promptwatch.tracking.boundary.ExecutionPage;
import io.promptwatch.tracking.boundary.ExecutionQuery;
import io.promptwatch.tracking.boundary.IngestResult;
import io.promptwatch.tracking.entity.FieldError;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Execution records: single and batch ingest, later feedback, and reading them back. */
@Path("executions")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ExecutionsResource {

    /**
     * Both ingest endpoints take a batch's room: a single record's input and output may each hold
     * promptwatch.ingest.text.max-chars characters, more than the other endpoints' limit.
     */
    static final String INGEST_BODY_LIMIT = "promptwatch.ingest.batch.max-bytes";

    /** One factory for every request: {@code Json.createReader} looks its provider up through a ServiceLoader each time. */
    private static final JsonProvider JSON = JsonProvider.provider();

    public record BatchItem(String executionId, String status, List<Problem.FieldProblem> errors) {
    }

    public record Feedback(Integer score, String comment) {
    }

    public record Page(List<ExecutionView> items, String nextCursor) {
    }

    @Inject
    GuardedIngest ingest;

    @EJB
    ExecutionQuery query;

    @Inject
    @ConfigProperty(name = "promptwatch.json.max-depth")
    int maxDepth;

    private JsonReaderFactory readers;

    @PostConstruct
    void createReaders() {
        readers = JSON.createReaderFactory(Map.of(RequestObject.PARSSON_MAX_DEPTH, maxDepth));
    }

    @POST
    @RolesAllowed(Role.INGEST_NAME)
    @BodyLimit(INGEST_BODY_LIMIT)
    @Operation(summary = "Ingest one record: 201 accepted, 200 duplicate (nothing changes), 400/422 refused")
    public Response ingestOne(@Context UriInfo uri, InputStream body) {
        JsonValue record = read(body);
        IngestResult result = ingest.ingest(List.of(record)).get(0);
        return switch (result.status()) {
            case ACCEPTED -> Response.created(uri.getAbsolutePathBuilder().path(result.executionId()).build())
                    .entity(accepted(result.executionId(), "accepted")).build();
            case DUPLICATE -> Response.ok(accepted(result.executionId(), "duplicate")).build();
            case REJECTED -> {
                FieldError first = result.errors().get(0);
                int status = result.onlyUnknownReferences() ? 422 : 400;
                yield Problem.of(status, status == 422 ? "Unprocessable execution record" : "Invalid execution record",
                        first.field() + " " + first.message(), first.field(), fieldProblems(result)).toResponse().build();
            }
        };
    }

    @POST
    @Path("batch")
    @RolesAllowed(Role.INGEST_NAME)
    @BodyLimit(INGEST_BODY_LIMIT)
    @Operation(summary = "Ingest a JSON array of records; one result per record, in order")
    public List<BatchItem> ingestBatch(InputStream body) {
        JsonValue batch = read(body);
        if (batch.getValueType() != JsonValue.ValueType.ARRAY) {
            throw ProblemException.invalid("body", "a batch is a JSON array of execution records");
        }
        return ingest.ingest(batch.asJsonArray()).stream()
                .map(r -> new BatchItem(r.executionId(), r.status().name().toLowerCase(), fieldProblems(r)))
                .toList();
    }

    @GET
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "List executions newest first; pass nextCursor back as cursor for the next page")
    public Page list(@QueryParam("promptId") String promptId, @QueryParam("version") String version,
                     @QueryParam("model") String model, @QueryParam("success") Boolean success,
                     @QueryParam("from") String from, @QueryParam("to") String to,
                     @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        ExecutionPage page = query.list(new ExecutionFilter(promptId, version, model, success,
                JsonBodies.instant("from", from), JsonBodies.instant("to", to)), limit, cursor);
        return new Page(page.items().stream().map(ExecutionView::of).toList(), page.nextCursor());
    }

    @GET
    @Path("{executionId}")
    @RolesAllowed(Role.VIEWER_NAME)
    public ExecutionView get(@PathParam("executionId") String executionId) {
        return ExecutionView.of(query.find(executionId));
    }

    @PUT
    @Path("{executionId}/feedback")
    @RolesAllowed(Role.INGEST_NAME)
    @Operation(summary = "Record user feedback (score 1-5, optional comment) for a stored execution")
    public ExecutionView feedback(@PathParam("executionId") String executionId, Feedback body) {
        if (body == null) {
            throw ProblemException.invalid("score", "a JSON object with score (1-5) is required");
        }
        return ExecutionView.of(query.giveFeedback(executionId, body.score(), body.comment()));
    }

    /** The body as JSON; its size is bounded by the stream (BodyLimitFeature), which refuses past {@link #INGEST_BODY_LIMIT}. */
    private JsonValue read(InputStream body) {
        byte[] bytes;
        try {
            bytes = body.readAllBytes();
        } catch (IOException e) {
            throw ProblemException.invalid("body", "the request body could not be read");
        }
        if (bytes.length == 0) {
            throw ProblemException.invalid("body", "the request body is empty");
        }
        try (JsonReader reader = readers.createReader(new ByteArrayInputStream(bytes))) {
            return reader.readValue();
        } catch (JsonParsingException e) {
            throw ProblemException.invalid("body", "the body is not valid JSON (line " + e.getLocation().getLineNumber()
                    + ", column " + e.getLocation().getColumnNumber() + ")");
        } catch (JsonException e) {
            throw ProblemException.invalid("body", "the body is not valid JSON: " + e.getMessage());
        } catch (RuntimeException e) {
            // Parsson refuses nesting past its limit with a plain RuntimeException; the bytes are
            // already in memory, so nothing else in this parse can be the server's fault.
            throw ProblemException.invalid("body", "the body is not acceptable JSON (nested deeper than " + maxDepth
                    + " levels, promptwatch.json.max-depth, or otherwise malformed)");
        }
    }

    /**
     * The single-record answer, {@code {"executionId":…,"status":…}}, written as text: on the hot
     * path JSON-B's garbage per two-field body cost more than the rest of the request
     * (docs/performance-history.md).
     */
    private static String accepted(String executionId, String status) {
        return "{\"executionId\":" + JSON.createValue(executionId) + ",\"status\":\"" + status + "\"}";
    }

    private static List<Problem.FieldProblem> fieldProblems(IngestResult result) {
        return result.errors().stream().map(e -> new Problem.FieldProblem(e.field(), e.message())).toList();
    }

}
