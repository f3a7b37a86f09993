package io.promptwatch.api.jobs;

import io.promptwatch.api.RequestObject;
import io.promptwatch.problem.ProblemException;
import io.promptwatch.reports.jobs.JobExecutionView;
import io.promptwatch.reports.jobs.JobView;
import io.promptwatch.reports.jobs.Jobs;
import io.promptwatch.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/**
 * The batch jobs (README "Reports and archives"): start one with its parameters, watch its
 * executions and their steps, stop and restart them. Executions are the batch runtime's own, the
 * ones {@code asadmin list-batch-job-executions} and the admin console show.
 */
@Path("jobs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class JobsResource {

    /** Most executions one listing answers. */
    static final int MAX_LIMIT = 500;

    /** What a start or restart answers (202): the new execution, to watch at {@code location}. */
    public record Started(long executionId, String jobName, String location) {
    }

    @Inject
    Jobs jobs;

    @Inject
    @ConfigProperty(name = "promptwatch.json.max-depth")
    int maxDepth;

    @Context
    SecurityContext security;

    @Context
    UriInfo uri;

    @GET
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "The jobs: what each does and takes, its schedule (cron in UTC, settings "
            + "promptwatch.jobs.<job>.schedule) with the next run, and its latest execution")
    public List<JobView> list() {
        return jobs.jobs();
    }

    @POST
    @Path("{name}")
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "Start job {name} (backup, maintenance, export, daily-report, comprehensive-report) with its "
            + "parameters as a JSON object of strings, numbers or booleans (export: promptId, from, to, format csv|jsonl, "
            + "chunkSize; daily-report: date YYYY-MM-DD, promptId; comprehensive-report: days, 1 to "
            + "promptwatch.reporting.comprehensive.max-days); 202 with the "
            + "execution id. An unknown job is 404, an unknown or bad parameter 400 naming it")
    public Response start(@PathParam("name") String name,
                          @RequestBody(content = @Content(schema = @Schema(type = SchemaType.OBJECT))) String body) {
        long id = jobs.start(name, parameters(body), actor());
        return accepted(id, name);
    }

    @GET
    @Path("executions")
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "Executions newest first, of job name and in status (STARTING, STARTED, STOPPING, STOPPED, "
            + "FAILED, COMPLETED, ABANDONED) when given; at most limit (50, up to 500)")
    public List<JobExecutionView> executions(@QueryParam("name") String name, @QueryParam("status") String status,
                                             @QueryParam("limit") String limit) {
        return jobs.executions(name, status, limit(limit));
    }

    @GET
    @Path("executions/{id}")
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "One execution: status, exit status, start and end, parameters, and its steps with their "
            + "read, write, skip, commit and rollback counts",
            description = "The runtime stores a step's counts when the step ends. While a long step runs (the export's "
            + "write-records), progress {step, done, total} says how far it has come: total is the number of records the "
            + "export selected when its step started, done those written by its last checkpoint. Progress is held in the "
            + "memory of the server running the step: another server sharing the database answers without it, as does "
            + "this one once the step has ended or the server restarted")
    public JobExecutionView execution(@PathParam("id") String id) {
        return jobs.execution(executionId(id));
    }

    @POST
    @Path("executions/{id}/stop")
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "Ask a running execution to stop at its next checkpoint; 202. Not running: 409")
    public Response stop(@PathParam("id") String id) {
        long execution = executionId(id);
        jobs.stop(execution);
        return Response.accepted(jobs.execution(execution)).build();
    }

    @POST
    @Path("executions/{id}/restart")
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "Restart a stopped or failed execution from its last checkpoint with the parameters it ran "
            + "with (a body may change those that allow it, e.g. an export's chunkSize); 202 with the new execution id")
    public Response restart(@PathParam("id") String id,
                            @RequestBody(content = @Content(schema = @Schema(type = SchemaType.OBJECT))) String body) {
        long execution = executionId(id);
        Map<String, String> changes = parameters(body);
        long restarted = jobs.restart(execution, changes, actor());
        return accepted(restarted, jobs.execution(restarted).jobName());
    }

    private Response accepted(long id, String name) {
        String location = uri.getBaseUriBuilder().path("jobs/executions/{id}").build(id).getPath();
        return Response.accepted(new Started(id, name, location))
                .location(uri.getBaseUriBuilder().path("jobs/executions/{id}").build(id)).build();
    }

    /** A body of parameters: none, or a JSON object whose members are strings, numbers or booleans. */
    private Map<String, String> parameters(String body) {
        Map<String, String> values = new LinkedHashMap<>();
        if (body == null || body.isBlank()) {
            return values;
        }
        RequestObject request = RequestObject.parse(body, maxDepth);
        for (String name : request.names()) {
            JsonValue value = request.value(name);
            if (value == null) {
                continue;
            }
            values.put(name, switch (value.getValueType()) {
                case STRING -> ((JsonString) value).getString();
                case NUMBER -> number((JsonNumber) value);
                case TRUE -> "true";
                case FALSE -> "false";
                default -> throw request.invalid(name, name + " must be a string, a number or a boolean");
            });
        }
        return values;
    }

    /** 7 and 7.0 as "7"; other numbers as written. */
    private static String number(JsonNumber number) {
        BigDecimal value = number.bigDecimalValue();
        try {
            return value.toBigIntegerExact().toString();
        } catch (ArithmeticException notWhole) {
            return value.toString();
        }
    }

    static long executionId(String text) {
        try {
            long id = Long.parseLong(text);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException notANumber) {
            // below
        }
        throw ProblemException.notFound("no job execution '" + text + "': execution ids are positive whole numbers");
    }

    private static int limit(String text) {
        if (text == null) {
            return 50;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException notANumber) {
            // below
        }
        throw ProblemException.invalid("limit", "limit must be a whole number from 1 to " + MAX_LIMIT);
    }

    private String actor() {
        return security.getUserPrincipal().getName();
    }
}
