package io.promptwatch.api.reports;

import io.promptwatch.problem.ProblemException;
import io.promptwatch.reporting.boundary.StoredReports;
import io.promptwatch.reporting.entity.ReportFormat;
import io.promptwatch.reporting.entity.ReportType;
import io.promptwatch.reporting.entity.StoredReport;
import io.promptwatch.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The reports the daily-report and comprehensive-report jobs stored (README "Reports"): listed newest
 * period first in keyset pages, without their content; one served in the rendering the client asks
 * for. Every rendering of a report was made from the same report object when it was stored, so they
 * carry the same figures.
 */
@Path("reports")
@RequestScoped
public class ReportsResource {

    /** A stored report without its content: what it covers, when and by which job execution it was made. */
    public record ReportView(long id, String type, String promptId, Instant periodFrom, Instant periodTo, Instant createdAt,
                             Long jobExecutionId) {
        static ReportView of(StoredReport r) {
            return new ReportView(r.id(), r.type().label(), r.promptId(), r.periodFrom(), r.periodTo(), r.createdAt(),
                    r.jobExecutionId());
        }
    }

    public record ReportPage(List<ReportView> reports, String next) {
    }

    @EJB
    StoredReports reports;

    @Context
    HttpHeaders headers;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "Stored reports newest period first, without their content; filter by promptId, type (daily, "
            + "comprehensive), from/to (the period's start: a UTC day such as 2026-12-01 or an instant); at most limit "
            + "(100, up to 500); pass the answer's next as after for the following page")
    public ReportPage list(@QueryParam("promptId") String promptId, @QueryParam("type") String type,
                           @QueryParam("from") String from, @QueryParam("to") String to,
                           @QueryParam("after") String after, @QueryParam("limit") String limit) {
        Instant start = ReportRequests.bound("from", from);
        Instant end = ReportRequests.bound("to", to);
        if (start != null && end != null && !start.isBefore(end)) {
            throw ProblemException.invalid("to", "to must lie after from");
        }
        StoredReports.Page page = reports.reports(new StoredReports.Selection(promptId,
                type == null ? null : ReportType.parse("type", type), start, end, after, ReportRequests.limit(limit)));
        return new ReportPage(page.reports().stream().map(ReportView::of).toList(), page.next());
    }

    /** No {@code @Produces}: the rendering is chosen here (format, then Accept), and a refusal is problem+json whatever was asked. */
    @GET
    @Path("{id}")
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "One stored report as Markdown, HTML or JSON: by ?format=markdown|html|json, else by the Accept "
            + "header (text/markdown, text/html, application/json; JSON when any will do). Unknown id 404; an Accept "
            + "naming none of the three 406")
    @APIResponse(responseCode = "200", description = "the report in the chosen rendering", content = {
            @Content(mediaType = "text/markdown"), @Content(mediaType = "text/html"), @Content(mediaType = MediaType.APPLICATION_JSON)})
    public Response get(@PathParam("id") String id, @QueryParam("format") String format) {
        ReportFormat rendering = ReportRequests.format(format, headers.getAcceptableMediaTypes().stream()
                .map(t -> t.getType() + "/" + t.getSubtype()).toList());
        StoredReport report = reports.report(id);
        return Response.ok(report.rendering(rendering), rendering.mediaType())
                .header("Vary", "Accept")
                .header("Content-Disposition", "inline; filename=\"promptwatch-report-" + report.id() + "." + rendering.extension() + "\"")
                .build();
    }
}
