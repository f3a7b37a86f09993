package io.promptwatch.reporting.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.promptwatch.problem.ProblemException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The stored report's key and invariants; every expected value is written out by hand from the key's definition. */
class StoredReportTest {

    private static final Instant DAY = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant NEXT = Instant.parse("2026-12-02T00:00:00Z");

    @Test
    void theKeyNamesTypePromptAndPeriod() {
        StoredReport daily = new StoredReport(ReportType.DAILY, "p1", DAY, NEXT, NEXT, 7L, "# md", "<html>", "{}");
        assertEquals("daily|p1|2026-12-01T00:00:00Z|2026-12-02T00:00:00Z", daily.key());
        StoredReport week = new StoredReport(ReportType.COMPREHENSIVE, null, DAY.minusSeconds(6 * 86_400), NEXT, NEXT, null, "m", "h", "j");
        assertEquals("comprehensive||2026-11-25T00:00:00Z|2026-12-02T00:00:00Z", week.key());
        assertNotEquals(daily.key(), StoredReport.key(ReportType.DAILY, "p2", DAY, NEXT));
    }

    @Test
    void aRerunReplacesTheContentAndKeepsTheKey() {
        StoredReport report = new StoredReport(ReportType.DAILY, "p1", DAY, NEXT, NEXT, 7L, "old md", "old html", "{\"a\":1}");
        String key = report.key();
        Instant later = NEXT.plusSeconds(3600);
        report.replace(later, 9L, "new md", "new html", "{\"a\":2}");
        assertEquals(key, report.key());
        assertEquals(later, report.createdAt());
        assertEquals(9L, report.jobExecutionId());
        assertEquals("new md", report.rendering(ReportFormat.MARKDOWN));
        assertEquals("new html", report.rendering(ReportFormat.HTML));
        assertEquals("{\"a\":2}", report.rendering(ReportFormat.JSON));
    }

    @Test
    void refusesAReportThatCannotBe() {
        assertThrows(IllegalArgumentException.class, () -> new StoredReport(ReportType.DAILY, null, DAY, NEXT, NEXT, 1L, "m", "h", "j"));
        assertThrows(IllegalArgumentException.class, () -> new StoredReport(ReportType.COMPREHENSIVE, "p", DAY, NEXT, NEXT, 1L, "m", "h", "j"));
        assertThrows(IllegalArgumentException.class, () -> new StoredReport(ReportType.DAILY, "p", NEXT, DAY, NEXT, 1L, "m", "h", "j"));
        assertThrows(IllegalArgumentException.class, () -> new StoredReport(ReportType.DAILY, "p", DAY, DAY, NEXT, 1L, "m", "h", "j"));
        assertThrows(NullPointerException.class, () -> new StoredReport(ReportType.DAILY, "p", DAY, NEXT, NEXT, 1L, null, "h", "j"));
    }

    @Test
    void typesParseByLabelInAnyCase() {
        assertEquals(ReportType.DAILY, ReportType.parse("type", "daily"));
        assertEquals(ReportType.COMPREHENSIVE, ReportType.parse("type", "Comprehensive"));
        ProblemException refused = assertThrows(ProblemException.class, () -> ReportType.parse("type", "weekly"));
        assertEquals("type", refused.field());
        assertEquals(400, refused.status());
        assertEquals("daily", new ReportTypeColumn().convertToDatabaseColumn(ReportType.DAILY));
        assertEquals(ReportType.COMPREHENSIVE, new ReportTypeColumn().convertToEntityAttribute("comprehensive"));
    }
}
