package io.promptwatch.reporting.control;

import io.promptwatch.reporting.entity.ComprehensiveReport;
import io.promptwatch.reporting.entity.ComprehensiveReport.CostRow;
import io.promptwatch.reporting.entity.ComprehensiveReport.PromptRow;
import io.promptwatch.reporting.entity.DailyReport;
import io.promptwatch.reporting.entity.DailyReport.AlertLine;
import io.promptwatch.reporting.entity.DailyReport.ErrorRow;
import io.promptwatch.reporting.entity.DailyReport.HourPoint;
import io.promptwatch.reporting.entity.DailyReport.KeyMetric;
import io.promptwatch.reporting.entity.DailyReport.ModelRow;
import io.promptwatch.reporting.entity.DailyReport.RollbackLine;
import io.promptwatch.reporting.entity.DailyReport.VersionRow;
import io.promptwatch.reporting.entity.Recommendation;
import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The reports as JSON (JSON-P, written field by field): the records' components under their own
 * names, figures unrounded and named as the metrics API names them ({@code successRate} a fraction
 * of 1, latencies in ms), so a program can compare them with {@code /api/v1/metrics}. Instants are
 * ISO-8601, words lower case, an undefined figure {@code null}.
 */
public final class JsonRenderer {

    private static final Map<String, Object> PRETTY = Map.of(JsonGenerator.PRETTY_PRINTING, true);

    private JsonRenderer() {
    }

    public static String daily(DailyReport r) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = Json.createGeneratorFactory(PRETTY).createGenerator(out)) {
            g.writeStartObject().write("type", "daily");
            text(g, "promptId", r.promptId());
            text(g, "promptName", r.promptName());
            g.write("date", r.date().toString());
            time(g, "from", r.from());
            time(g, "to", r.to());
            text(g, "version", r.version());
            g.writeStartObject("summary").write("executions", r.summary().executions());
            number(g, "successRate", r.summary().successRate());
            number(g, "latencyAvgMs", r.summary().latencyAvgMs());
            number(g, "userSatisfaction", r.summary().userSatisfaction());
            g.write("feedbackCount", r.summary().feedbackCount()).writeEnd();
            g.writeStartArray("keyMetrics");
            for (KeyMetric k : r.keyMetrics()) {
                g.writeStartObject().write("metric", k.measure().key()).write("title", k.measure().title())
                        .write("unit", k.measure().unit().name().toLowerCase(java.util.Locale.ROOT));
                number(g, "today", k.today());
                number(g, "yesterday", k.yesterday());
                number(g, "baseline", k.baseline());
                number(g, "vsYesterday", k.vsYesterday());
                number(g, "vsBaseline", k.vsBaseline());
                text(g, "trend", k.trend() == null ? null : k.trend().word());
                g.writeEnd();
            }
            g.writeEnd();
            g.writeStartArray("errors");
            for (ErrorRow e : r.errors()) {
                g.writeStartObject().write("type", e.type()).write("count", e.count());
                number(g, "share", e.share());
                g.write("yesterday", e.yesterday());
                text(g, "trend", e.trend() == null ? null : e.trend().word());
                g.writeEnd();
            }
            g.writeEnd();
            DailyReport.Calibration c = r.calibration();
            g.writeStartObject("calibration");
            text(g, "version", c.version());
            number(g, "predicted", c.predicted());
            number(g, "observed", c.observed());
            g.write("qualityCount", c.qualityCount());
            number(g, "delta", c.delta());
            text(g, "status", c.status() == null ? null : Figures.word(c.status()));
            if (c.adjustmentRecommended() == null) {
                g.writeNull("adjustmentRecommended");
            } else {
                g.write("adjustmentRecommended", c.adjustmentRecommended());
            }
            g.writeEnd();
            g.writeStartArray("hours");
            for (HourPoint h : r.hours()) {
                g.writeStartObject().write("start", h.start().toString()).write("executions", h.executions());
                number(g, "successRate", h.successRate());
                number(g, "latencyP95Ms", h.latencyP95Ms());
                g.writeEnd();
            }
            g.writeEnd();
            g.writeStartArray("versions");
            for (VersionRow v : r.versions()) {
                g.writeStartObject().write("version", v.version()).write("executions", v.executions());
                number(g, "successRate", v.successRate());
                number(g, "latencyP95Ms", v.latencyP95Ms());
                number(g, "qualityAvg", v.qualityAvg());
                number(g, "baselineSuccessRate", v.baselineSuccessRate());
                number(g, "baselineLatencyP95Ms", v.baselineLatencyP95Ms());
                g.writeEnd();
            }
            g.writeEnd();
            g.writeStartArray("models");
            for (ModelRow m : r.models()) {
                g.writeStartObject().write("model", m.model()).write("executions", m.executions());
                number(g, "successRate", m.successRate());
                number(g, "costAvg", m.costAvg());
                number(g, "costSum", m.costSum());
                g.writeEnd();
            }
            g.writeEnd();
            g.writeStartObject("alerts").write("warning", r.alerts().warning()).write("critical", r.alerts().critical())
                    .write("rollbackCount", r.alerts().rollbacks().size());
            g.writeStartArray("alerts");
            for (AlertLine a : r.alerts().alerts()) {
                g.writeStartObject().write("id", a.id());
                time(g, "firedAt", a.firedAt());
                text(g, "severity", a.severity());
                text(g, "rule", a.rule());
                text(g, "version", a.version());
                text(g, "metric", a.metric());
                number(g, "observed", a.observed());
                number(g, "limit", a.limit());
                text(g, "state", a.state());
                g.writeEnd();
            }
            g.writeEnd();
            g.writeStartArray("rollbacks");
            for (RollbackLine b : r.alerts().rollbacks()) {
                g.writeStartObject().write("id", b.id());
                time(g, "at", b.at());
                text(g, "fromVersion", b.fromVersion());
                text(g, "toVersion", b.toVersion());
                g.write("automatic", b.automatic());
                text(g, "reason", b.reason());
                g.writeEnd();
            }
            g.writeEnd().writeEnd();
            g.writeStartArray("recommendations");
            for (Recommendation rec : r.recommendations()) {
                g.writeStartObject().write("rule", rec.rule().word()).write("subject", rec.subject()).write("text", rec.text())
                        .write("criterion", rec.criterion()).writeEnd();
            }
            g.writeEnd();
            strings(g, "warnings", r.warnings());
            time(g, "generatedAt", r.generatedAt());
            g.writeEnd();
        }
        return out.toString();
    }

    public static String comprehensive(ComprehensiveReport r) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = Json.createGeneratorFactory(PRETTY).createGenerator(out)) {
            g.writeStartObject().write("type", "comprehensive").write("days", r.days());
            time(g, "from", r.from());
            time(g, "to", r.to());
            ComprehensiveReport.Overview o = r.summary();
            g.writeStartObject("summary").write("executions", o.executions()).write("promptsWithRecords", o.promptsWithRecords());
            number(g, "successRate", o.successRate());
            number(g, "latencyAvgMs", o.latencyAvgMs());
            number(g, "latencyP95Ms", o.latencyP95Ms());
            number(g, "userSatisfaction", o.userSatisfaction());
            number(g, "costSum", o.costSum());
            g.write("warningAlerts", o.warningAlerts()).write("criticalAlerts", o.criticalAlerts()).write("rollbacks", o.rollbacks());
            g.writeEnd();
            performers(g, "topPerformers", r.topPerformers());
            performers(g, "underPerformers", r.underPerformers());
            g.writeStartArray("versionChanges");
            for (ComprehensiveReport.VersionChange v : r.versionChanges()) {
                g.writeStartObject().write("promptId", v.promptId()).write("version", v.version()).write("change", v.change().word());
                time(g, "at", v.at());
                text(g, "actor", v.actor());
                text(g, "reason", v.reason());
                g.writeEnd();
            }
            g.writeEnd();
            costs(g, "costByModel", r.costByModel());
            costs(g, "costByPrompt", r.costByPrompt());
            strings(g, "warnings", r.warnings());
            time(g, "generatedAt", r.generatedAt());
            g.writeEnd();
        }
        return out.toString();
    }

    private static void performers(JsonGenerator g, String name, List<PromptRow> rows) {
        g.writeStartArray(name);
        for (PromptRow p : rows) {
            g.writeStartObject().write("promptId", p.promptId()).write("executions", p.executions());
            number(g, "successRate", p.successRate());
            number(g, "qualityAvg", p.qualityAvg());
            number(g, "latencyP95Ms", p.latencyP95Ms());
            number(g, "costSum", p.costSum());
            g.writeEnd();
        }
        g.writeEnd();
    }

    private static void costs(JsonGenerator g, String name, List<CostRow> rows) {
        g.writeStartArray(name);
        for (CostRow c : rows) {
            g.writeStartObject().write("name", c.name()).write("executions", c.executions());
            number(g, "costSum", c.costSum());
            number(g, "costAvg", c.costAvg());
            number(g, "share", c.share());
            g.writeEnd();
        }
        g.writeEnd();
    }

    private static void strings(JsonGenerator g, String name, List<String> values) {
        g.writeStartArray(name);
        values.forEach(g::write);
        g.writeEnd();
    }

    /** A figure, {@code null} when undefined; a non-finite one (which the composition never makes) as well. */
    private static void number(JsonGenerator g, String name, Double v) {
        if (v == null || !Double.isFinite(v)) {
            g.writeNull(name);
        } else {
            g.write(name, v);
        }
    }

    private static void text(JsonGenerator g, String name, String v) {
        if (v == null) {
            g.writeNull(name);
        } else {
            g.write(name, v);
        }
    }

    private static void time(JsonGenerator g, String name, Instant t) {
        text(g, name, t == null ? null : t.toString());
    }
}
