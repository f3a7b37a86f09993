package io.promptwatch.api.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.promptwatch.problem.ProblemException;
import io.promptwatch.reporting.entity.ReportFormat;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reports API's choices, each expected value read off ReportRequests' documented rules. */
class ReportRequestsTest {

    @Test
    void formatWinsOverAccept() {
        assertEquals(ReportFormat.HTML, ReportRequests.format("html", List.of("application/json")));
        assertEquals(ReportFormat.MARKDOWN, ReportRequests.format("Markdown", List.of()));
        assertEquals(ReportFormat.JSON, ReportRequests.format("json", List.of("text/html")));
        assertEquals("format", field(() -> ReportRequests.format("pdf", List.of("*/*"))));
    }

    @Test
    void acceptIsReadInTheClientsOrder() {
        assertEquals(ReportFormat.MARKDOWN, ReportRequests.format(null, List.of("text/markdown", "text/html")));
        assertEquals(ReportFormat.HTML, ReportRequests.format(null, List.of("text/html", "application/json")));
        assertEquals(ReportFormat.JSON, ReportRequests.format(null, List.of("application/json", "application/problem+json")));
        assertEquals(ReportFormat.JSON, ReportRequests.format(null, List.of("application/problem+json", "*/*")));
        assertEquals(ReportFormat.MARKDOWN, ReportRequests.format(null, List.of("text/*")));
        assertEquals(ReportFormat.JSON, ReportRequests.format(null, List.of()));
        ProblemException none = assertThrows(ProblemException.class, () -> ReportRequests.format(null, List.of("image/png")));
        assertEquals(406, none.status());
        assertEquals("Accept", none.field());
    }

    @Test
    void boundsAreDaysOrInstants() {
        assertEquals(Instant.parse("2026-12-01T00:00:00Z"), ReportRequests.bound("from", "2026-12-01"));
        assertEquals(Instant.parse("2026-12-01T06:30:00Z"), ReportRequests.bound("from", "2026-12-01T06:30:00Z"));
        assertNull(ReportRequests.bound("from", null));
        assertEquals("from", field(() -> ReportRequests.bound("from", "yesterday")));
        assertEquals("to", field(() -> ReportRequests.bound("to", "2026-02-30")));
        assertEquals("to", field(() -> ReportRequests.bound("to", "+10000-01-01T00:00:00Z")));
        assertEquals("from", field(() -> ReportRequests.bound("from", "0000-01-01")));
    }

    @Test
    void limitsLieBetweenOneAndFiveHundred() {
        assertEquals(100, ReportRequests.limit(null));
        assertEquals(1, ReportRequests.limit("1"));
        assertEquals(500, ReportRequests.limit("500"));
        assertEquals("limit", field(() -> ReportRequests.limit("0")));
        assertEquals("limit", field(() -> ReportRequests.limit("501")));
        assertEquals("limit", field(() -> ReportRequests.limit("ten")));
    }

    private static String field(Runnable call) {
        ProblemException e = assertThrows(ProblemException.class, call::run);
        assertEquals(400, e.status());
        return e.field();
    }
}
