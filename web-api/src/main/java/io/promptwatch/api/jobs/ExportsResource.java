package io.promptwatch.api.jobs;

import io.promptwatch.problem.ProblemException;
import io.promptwatch.reports.export.ExportFiles;
import io.promptwatch.reports.jobs.JobExecutionView;
import io.promptwatch.reports.jobs.Jobs;
import io.promptwatch.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.nio.file.Files;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Downloads of finished exports. Named by the execution id that {@code POST /jobs/export} answered
 * (or of a restart of it): all executions of one export write one file. Streamed from disk, so an
 * export of any size costs the server a buffer. No {@code @Produces}: the file is gzip whatever the
 * client accepts, and a refusal is problem+json.
 */
@Path("exports")
@RequestScoped
public class ExportsResource {

    public static final String GZIP = "application/gzip";

    @Inject
    Jobs jobs;

    @GET
    @Path("{id}")
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "Download the export that execution {id} of the export job wrote (application/gzip: CSV or "
            + "JSON Lines); 409 while it has not completed")
    public Response download(@PathParam("id") String id) {
        long execution = JobsResource.executionId(id);
        long instance = jobs.instanceOf(execution, "export");
        java.nio.file.Path file = ExportFiles.published(ExportFiles.directory(ConfigProvider.getConfig()), instance)
                .orElseThrow(() -> {
                    JobExecutionView view = jobs.execution(execution);
                    return ProblemException.conflict("id", "export " + execution + " has no file yet: the execution is "
                            + view.status() + (view.status().equals("COMPLETED") ? " but its file is gone" : ""));
                });
        StreamingOutput body = out -> Files.copy(file, out);
        return Response.ok(body, GZIP)
                .header("Content-Disposition", "attachment; filename=\"promptwatch-" + file.getFileName() + "\"")
                .header("Content-Length", fileSize(file))
                .build();
    }

    private static long fileSize(java.nio.file.Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
