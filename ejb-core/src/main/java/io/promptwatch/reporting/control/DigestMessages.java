package io.promptwatch.reporting.control;

import io.promptwatch.alerting.entity.Digest;
import io.promptwatch.reporting.entity.ReportFormat;
import io.promptwatch.reporting.entity.ReportType;
import io.promptwatch.reporting.entity.StoredReport;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * A stored report as a digest for the channels: its executive summary as a few lines of text (read
 * from its JSON rendering, so the digest carries the figures of the report it links to, whenever it
 * is sent), a link to its HTML rendering under {@code promptwatch.public-url}, the HTML for e-mail,
 * and the webhook's body {@code {"event":"report.ready","report":{id,type,promptId,from,to},"content":<the JSON rendering>}}.
 * The webhook body is a contract like the alerts' ({@code ChannelMessages}): it only ever gains members.
 */
public final class DigestMessages {

    public static final String EVENT = "report.ready";

    private DigestMessages() {
    }

    /** The digest of {@code report}, linked under {@code publicUrl} (the server's address as users reach it). */
    public static Digest of(StoredReport report, String publicUrl) {
        String json = report.rendering(ReportFormat.JSON);
        JsonObject content = Json.createReader(new StringReader(json)).readObject();
        return new Digest(title(report), summary(report, content), link(publicUrl, report.id()), webhook(report, content),
                report.rendering(ReportFormat.HTML));
    }

    /** "Daily report summarize 2026-12-01", "Comprehensive report 2026-11-24 to 2026-11-30 (7 days)". */
    static String title(StoredReport report) {
        LocalDate first = LocalDate.ofInstant(report.periodFrom(), ZoneOffset.UTC);
        if (report.type() == ReportType.DAILY) {
            return "Daily report " + report.promptId() + " " + first;
        }
        LocalDate end = LocalDate.ofInstant(report.periodTo(), ZoneOffset.UTC);
        long days = java.time.temporal.ChronoUnit.DAYS.between(first, end);
        return "Comprehensive report " + first + " to " + end.minusDays(1) + " (" + days + (days == 1 ? " day)" : " days)");
    }

    /** The executive summary of the report's JSON, one figure a line, written as the Markdown rendering writes it. */
    static String summary(StoredReport report, JsonObject content) {
        JsonObject s = content.getJsonObject("summary");
        StringBuilder text = new StringBuilder(title(report)).append('\n');
        text.append("Total Executions: ").append(s.getJsonNumber("executions").longValue()).append('\n');
        if (report.type() == ReportType.COMPREHENSIVE) {
            text.append("Prompts with Records: ").append(s.getInt("promptsWithRecords")).append('\n');
        }
        text.append("Success Rate: ").append(Figures.rate(number(s, "successRate"))).append('\n');
        text.append("Average Latency: ").append(Figures.ms(number(s, "latencyAvgMs"))).append('\n');
        if (report.type() == ReportType.DAILY) {
            text.append("User Satisfaction: ").append(Figures.satisfaction(number(s, "userSatisfaction")))
                    .append(" (").append(s.getJsonNumber("feedbackCount").longValue()).append(" ratings)\n");
        } else {
            text.append("Latency P95: ").append(Figures.ms(number(s, "latencyP95Ms"))).append('\n');
            text.append("User Satisfaction: ").append(Figures.satisfaction(number(s, "userSatisfaction"))).append('\n');
            text.append("Total Cost: ").append(Figures.cost(number(s, "costSum"))).append('\n');
            text.append("Alerts: ").append(s.getJsonNumber("warningAlerts").longValue()).append(" warning, ")
                    .append(s.getJsonNumber("criticalAlerts").longValue()).append(" critical; rollbacks: ")
                    .append(s.getJsonNumber("rollbacks").longValue()).append('\n');
        }
        return text.toString();
    }

    /** {@code <publicUrl>/api/v1/reports/{id}?format=html}; a trailing slash of the setting is not doubled. */
    static String link(String publicUrl, Long id) {
        String base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        return base + "/api/v1/reports/" + id + "?format=html";
    }

    static String webhook(StoredReport report, JsonObject content) {
        JsonObjectBuilder about = Json.createObjectBuilder()
                .add("id", report.id())
                .add("type", report.type().label());
        if (report.promptId() == null) {
            about.addNull("promptId");
        } else {
            about.add("promptId", report.promptId());
        }
        about.add("from", report.periodFrom().toString()).add("to", report.periodTo().toString());
        return Json.createObjectBuilder()
                .add("event", EVENT)
                .add("report", about)
                .add("content", content)
                .build()
                .toString();
    }

    private static Double number(JsonObject object, String name) {
        JsonValue v = object.get(name);
        return v instanceof JsonNumber n ? n.doubleValue() : null;
    }
}
