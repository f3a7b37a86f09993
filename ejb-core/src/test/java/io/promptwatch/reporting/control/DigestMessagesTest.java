package io.promptwatch.reporting.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptwatch.alerting.entity.Digest;
import io.promptwatch.reporting.entity.ReportFormat;
import io.promptwatch.reporting.entity.ReportType;
import io.promptwatch.reporting.entity.StoredReport;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.lang.reflect.Field;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A stored report as a digest. The reports are rendered from {@link Reports}' hand-written fixtures;
 * the expected summary lines are those fixtures' figures formatted by hand as the Markdown
 * rendering's executive summary writes them (rate to one decimal with " %", ms to one decimal).
 */
class DigestMessagesTest {

    private static StoredReport stored(long id, StoredReport report) throws ReflectiveOperationException {
        Field field = StoredReport.class.getDeclaredField("id");
        field.setAccessible(true);
        field.set(report, id);
        return report;
    }

    private static JsonObject parse(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }

    @Test
    void aDailyDigestCarriesTheSummaryTheLinkTheHtmlAndTheJson() throws Exception {
        var daily = Reports.daily();
        StoredReport report = stored(42, new StoredReport(ReportType.DAILY, daily.promptId(), daily.from(), daily.to(),
                daily.to(), 3L, MarkdownRenderer.daily(daily), HtmlRenderer.daily(daily), JsonRenderer.daily(daily)));

        Digest digest = DigestMessages.of(report, "https://pw.example.com/");

        assertEquals("Daily report " + daily.promptId() + " 2026-03-09", digest.title());
        assertEquals("https://pw.example.com/api/v1/reports/42?format=html", digest.link(), "no doubled slash");
        assertEquals(report.rendering(ReportFormat.HTML), digest.html());
        String summary = digest.summary();
        assertTrue(summary.startsWith(digest.title() + "\nTotal Executions: " + daily.summary().executions() + "\n"), summary);
        // Each line as the Markdown's executive summary has it: the same formatting, the same figures.
        String markdown = report.rendering(ReportFormat.MARKDOWN);
        for (String line : summary.split("\n")) {
            if (!line.equals(digest.title())) {
                assertTrue(markdown.contains("- " + line + "\n"), "the Markdown has '" + line + "'");
            }
        }
        assertEquals(5, summary.split("\n").length, "title, executions, success rate, latency, satisfaction");

        JsonObject webhook = parse(digest.webhook());
        assertEquals("report.ready", webhook.getString("event"));
        JsonObject about = webhook.getJsonObject("report");
        assertEquals(42, about.getJsonNumber("id").longValueExact());
        assertEquals("daily", about.getString("type"));
        assertEquals(daily.promptId(), about.getString("promptId"));
        assertEquals("2026-03-09T00:00:00Z", about.getString("from"));
        assertEquals("2026-03-10T00:00:00Z", about.getString("to"));
        assertEquals(parse(report.rendering(ReportFormat.JSON)), webhook.getJsonObject("content"), "the JSON rendering as it is");
    }

    @Test
    void aComprehensiveDigestNamesItsDaysAndHasNoPrompt() throws Exception {
        var week = Reports.comprehensive();
        StoredReport report = stored(7, new StoredReport(ReportType.COMPREHENSIVE, null, week.from(), week.to(), week.to(), null,
                MarkdownRenderer.comprehensive(week), HtmlRenderer.comprehensive(week), JsonRenderer.comprehensive(week)));

        Digest digest = DigestMessages.of(report, "http://localhost:8080");

        long days = java.time.Duration.between(week.from(), week.to()).toDays();
        java.time.LocalDate first = java.time.LocalDate.ofInstant(week.from(), java.time.ZoneOffset.UTC);
        assertEquals("Comprehensive report " + first + " to " + first.plusDays(days - 1) + " (" + days + " days)", digest.title());
        assertEquals("http://localhost:8080/api/v1/reports/7?format=html", digest.link());
        String markdown = report.rendering(ReportFormat.MARKDOWN);
        for (String line : digest.summary().split("\n")) {
            if (!line.equals(digest.title()) && !line.startsWith("Alerts: ")) {
                assertTrue(markdown.contains("- " + line + "\n"), "the Markdown has '" + line + "'");
            }
        }
        assertTrue(digest.summary().contains("Alerts: " + week.summary().warningAlerts() + " warning, "
                + week.summary().criticalAlerts() + " critical; rollbacks: " + week.summary().rollbacks() + "\n"));
        JsonObject about = parse(digest.webhook()).getJsonObject("report");
        assertTrue(about.isNull("promptId"), "present as null: the shape never changes");
        assertEquals("comprehensive", about.getString("type"));
    }
}
