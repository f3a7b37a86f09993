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
import io.promptwatch.reporting.entity.Trend;
import io.promptwatch.reporting.entity.Unit;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;

/**
 * The reports as one self-contained HTML page each, readable offline and as an e-mail body: the CSS
 * is inline, the charts are inline SVG ({@link SvgChart}), and nothing is fetched (no script, image,
 * font or link). Every text that comes from the data is escaped; the sections and figures are the
 * Markdown's ({@link MarkdownRenderer}), written by the same {@link Figures}.
 */
public final class HtmlRenderer {

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2em auto;max-width:60em;padding:0 1em;color:#1d2330}
            h1{font-size:1.5em;margin-bottom:.2em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #d5d9e0;padding-bottom:.2em}
            .meta{color:#556;margin-top:0}table{border-collapse:collapse;margin:.5em 0;font-size:.92em}
            th,td{border:1px solid #d5d9e0;padding:.25em .6em;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}
            th{background:#f2f4f7}dl.summary{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}dt{color:#556}dd{margin:0;font-weight:600}
            .up,.down,.flat{white-space:nowrap}.charts{display:flex;flex-wrap:wrap;gap:1em}
            figure{margin:0}figcaption{font-size:.9em;color:#556}
            svg.chart line.axis{stroke:#8a93a3;stroke-width:1}svg.chart polyline.series{fill:none;stroke:#2f6fdb;stroke-width:2}
            svg.chart circle{fill:#2f6fdb}svg.chart text{font-size:11px;fill:#556}
            ul.notes li{color:#7a4b00}footer{margin-top:2em;font-size:.85em;color:#778}
            """;

    private HtmlRenderer() {
    }

    public static String daily(DailyReport r) {
        StringBuilder h = new StringBuilder();
        open(h, "Prompt Performance Report: " + r.promptId() + " " + r.date());
        h.append("<h1>Prompt Performance Report: ").append(escape(r.promptId())).append("</h1>\n");
        h.append("<p class=\"meta\">Date: ").append(r.date()).append(" (UTC, ").append(r.from()).append(" to ").append(r.to())
                .append(")<br>Version: ").append(escape(orNone(r.version()))).append("</p>\n");

        h.append("<h2>Executive Summary</h2>\n<dl class=\"summary\">");
        term(h, "Total Executions", Figures.count(r.summary().executions()));
        term(h, "Success Rate", Figures.rate(r.summary().successRate()));
        term(h, "Average Latency", Figures.ms(r.summary().latencyAvgMs()));
        term(h, "User Satisfaction", Figures.satisfaction(r.summary().userSatisfaction()) + " (" + r.summary().feedbackCount() + " ratings)");
        h.append("</dl>\n");

        h.append("<h2>Key Metrics</h2>\n<table>");
        header(h, "Metric", "Today", "Yesterday", "vs Yesterday", "Baseline", "vs Baseline", "Trend");
        for (KeyMetric k : r.keyMetrics()) {
            Unit u = k.measure().unit();
            h.append("<tr><th scope=\"row\">").append(escape(k.measure().title())).append("</th>");
            cells(h, Figures.value(k.today(), u), Figures.value(k.yesterday(), u), Figures.difference(k.vsYesterday(), u),
                    Figures.value(k.baseline(), u), Figures.difference(k.vsBaseline(), u));
            trend(h, k.trend());
            h.append("</tr>");
        }
        h.append("</table>\n");

        h.append("<h2>Hourly Success Rate and Latency P95</h2>\n<div class=\"charts\">");
        List<Instant> starts = r.hours().stream().map(HourPoint::start).toList();
        h.append("<figure>").append(SvgChart.line("Success rate by hour (UTC)", starts,
                r.hours().stream().map(HourPoint::successRate).toList(), 0, 1, Figures::rate))
                .append("<figcaption>Success rate by hour (UTC)</figcaption></figure>");
        double maxP95 = r.hours().stream().map(HourPoint::latencyP95Ms).filter(Objects::nonNull).mapToDouble(Double::doubleValue).max().orElse(1);
        h.append("<figure>").append(SvgChart.line("Latency p95 by hour (UTC)", starts,
                r.hours().stream().map(HourPoint::latencyP95Ms).toList(), 0, niceCeiling(maxP95), Figures::ms))
                .append("<figcaption>Latency p95 by hour (UTC)</figcaption></figure></div>\n");

        h.append("<h2>Error Analysis</h2>\n");
        if (r.errors().isEmpty()) {
            h.append("<p>No failed records on the day or the day before.</p>\n");
        } else {
            h.append("<table>");
            header(h, "Error Type", "Count", "% of Errors", "Yesterday", "Trend");
            for (ErrorRow e : r.errors()) {
                h.append("<tr><td>").append(escape(e.type())).append("</td>");
                cells(h, Figures.count(e.count()), Figures.rate(e.share()), Figures.count(e.yesterday()));
                trend(h, e.trend());
                h.append("</tr>");
            }
            h.append("</table>\n");
        }

        DailyReport.Calibration c = r.calibration();
        h.append("<h2>Calibration Status</h2>\n<dl class=\"summary\">");
        term(h, "Version", orNone(c.version()));
        term(h, "Predicted Quality", Figures.quality(c.predicted()));
        term(h, "Observed Quality", Figures.quality(c.observed()) + " (" + c.qualityCount() + " scores)");
        term(h, "Average Delta", Figures.qualityDelta(c.delta()));
        term(h, "Status", Figures.word(c.status()));
        term(h, "Adjustment Recommended", Figures.yesNo(c.adjustmentRecommended()));
        h.append("</dl>\n");

        h.append("<h2>Alerts Triggered</h2>\n<dl class=\"summary\">");
        term(h, "Warning", Long.toString(r.alerts().warning()));
        term(h, "Critical", Long.toString(r.alerts().critical()));
        term(h, "Rollbacks", Integer.toString(r.alerts().rollbacks().size()));
        h.append("</dl>\n");
        if (!r.alerts().alerts().isEmpty()) {
            h.append("<table>");
            header(h, "Fired", "Severity", "Rule", "Version", "Metric", "Observed", "Limit", "State");
            for (AlertLine a : r.alerts().alerts()) {
                h.append("<tr>");
                texts(h, a.firedAt().toString(), a.severity(), a.rule(), orNone(a.version()), orNone(a.metric()));
                cells(h, Figures.number(a.observed()), Figures.number(a.limit()));
                texts(h, a.state());
                h.append("</tr>");
            }
            h.append("</table>\n");
        }
        if (!r.alerts().rollbacks().isEmpty()) {
            h.append("<table>");
            header(h, "Rolled back", "From", "To", "Trigger", "Reason");
            for (RollbackLine b : r.alerts().rollbacks()) {
                h.append("<tr>");
                texts(h, b.at().toString(), b.fromVersion(), b.toVersion(), b.automatic() ? "automatic" : "manual", orNone(b.reason()));
                h.append("</tr>");
            }
            h.append("</table>\n");
        }

        h.append("<h2>Recommendations</h2>\n<ul>");
        if (r.recommendations().isEmpty()) {
            h.append("<li>None: no rule applied to the day's figures.</li>");
        }
        for (Recommendation rec : r.recommendations()) {
            h.append("<li>").append(escape(rec.text())).append(" <em>(rule ").append(rec.rule().word()).append(": ")
                    .append(escape(rec.criterion())).append(")</em></li>");
        }
        h.append("</ul>\n");

        h.append("<h2>Versions on the Day</h2>\n<table>");
        header(h, "Version", "Executions", "Success Rate", "Baseline Success", "Latency P95", "Baseline P95", "Avg Quality");
        for (VersionRow v : r.versions()) {
            h.append("<tr><td>").append(escape(v.version())).append("</td>");
            cells(h, Figures.count(v.executions()), Figures.rate(v.successRate()), Figures.rate(v.baselineSuccessRate()),
                    Figures.ms(v.latencyP95Ms()), Figures.ms(v.baselineLatencyP95Ms()), Figures.quality(v.qualityAvg()));
            h.append("</tr>");
        }
        h.append("</table>\n<h2>Models on the Day</h2>\n<table>");
        header(h, "Model", "Executions", "Success Rate", "Cost per Execution", "Cost");
        for (ModelRow m : r.models()) {
            h.append("<tr><td>").append(escape(m.model())).append("</td>");
            cells(h, Figures.count(m.executions()), Figures.rate(m.successRate()), Figures.cost(m.costAvg()), Figures.cost(m.costSum()));
            h.append("</tr>");
        }
        h.append("</table>\n<h2>Hourly</h2>\n<table>");
        header(h, "Hour (UTC)", "Executions", "Success Rate", "Latency P95");
        for (HourPoint p : r.hours()) {
            h.append("<tr><td>").append(HOUR.format(p.start())).append("</td>");
            cells(h, Figures.count(p.executions()), Figures.rate(p.successRate()), Figures.ms(p.latencyP95Ms()));
            h.append("</tr>");
        }
        h.append("</table>\n");
        notes(h, r.warnings());
        h.append("<footer>Generated ").append(r.generatedAt())
                .append(" from the rollups (the metrics API's figures for the same day).</footer>\n");
        return close(h);
    }

    public static String comprehensive(ComprehensiveReport r) {
        StringBuilder h = new StringBuilder();
        open(h, "Comprehensive Performance Report: last " + r.days() + " days");
        h.append("<h1>Comprehensive Performance Report: last ").append(r.days()).append(" days</h1>\n");
        h.append("<p class=\"meta\">Period: ").append(r.from()).append(" to ").append(r.to()).append(" (UTC)</p>\n");
        ComprehensiveReport.Overview o = r.summary();
        h.append("<h2>Executive Summary</h2>\n<dl class=\"summary\">");
        term(h, "Total Executions", Figures.count(o.executions()));
        term(h, "Prompts with Records", Integer.toString(o.promptsWithRecords()));
        term(h, "Success Rate", Figures.rate(o.successRate()));
        term(h, "Average Latency", Figures.ms(o.latencyAvgMs()));
        term(h, "Latency P95", Figures.ms(o.latencyP95Ms()));
        term(h, "User Satisfaction", Figures.satisfaction(o.userSatisfaction()));
        term(h, "Total Cost", Figures.cost(o.costSum()));
        term(h, "Alerts", o.warningAlerts() + " warning, " + o.criticalAlerts() + " critical");
        term(h, "Rollbacks", Long.toString(o.rollbacks()));
        h.append("</dl>\n");
        performers(h, "Top Performers", r.topPerformers());
        performers(h, "Under-performers", r.underPerformers());
        h.append("<h2>Versions Deployed and Rolled Back</h2>\n");
        if (r.versionChanges().isEmpty()) {
            h.append("<p>None in the period.</p>\n");
        } else {
            h.append("<table>");
            header(h, "When", "Prompt", "Version", "Change", "By", "Reason");
            for (ComprehensiveReport.VersionChange v : r.versionChanges()) {
                h.append("<tr>");
                texts(h, v.at().toString(), v.promptId(), v.version(), v.change().word(), orNone(v.actor()), orNone(v.reason()));
                h.append("</tr>");
            }
            h.append("</table>\n");
        }
        costs(h, "Cost by Model", "Model", r.costByModel());
        costs(h, "Cost by Prompt", "Prompt", r.costByPrompt());
        notes(h, r.warnings());
        h.append("<footer>Generated ").append(r.generatedAt()).append(" from the rollups.</footer>\n");
        return close(h);
    }

    /** Text for HTML content and attribute values: {@code & < > " '} as character references. */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }

    /** The chart's top: the largest value rounded up to 1, 2 or 5 times a power of ten. */
    static double niceCeiling(double max) {
        if (!(max > 0)) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(max)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * power >= max) {
                return step * power;
            }
        }
        return 10 * power;
    }

    private static void performers(StringBuilder h, String title, List<PromptRow> rows) {
        h.append("<h2>").append(title).append("</h2>\n");
        if (rows.isEmpty()) {
            h.append("<p>No prompt with enough records.</p>\n");
            return;
        }
        h.append("<table>");
        header(h, "Prompt", "Executions", "Success Rate", "Avg Quality", "Latency P95", "Cost");
        for (PromptRow p : rows) {
            h.append("<tr><td>").append(escape(p.promptId())).append("</td>");
            cells(h, Figures.count(p.executions()), Figures.rate(p.successRate()), Figures.quality(p.qualityAvg()),
                    Figures.ms(p.latencyP95Ms()), Figures.cost(p.costSum()));
            h.append("</tr>");
        }
        h.append("</table>\n");
    }

    private static void costs(StringBuilder h, String title, String what, List<CostRow> rows) {
        h.append("<h2>").append(title).append("</h2>\n<table>");
        header(h, what, "Executions", "Cost", "Cost per Execution", "Share");
        for (CostRow c : rows) {
            h.append("<tr><td>").append(escape(c.name())).append("</td>");
            cells(h, Figures.count(c.executions()), Figures.cost(c.costSum()), Figures.cost(c.costAvg()), Figures.rate(c.share()));
            h.append("</tr>");
        }
        h.append("</table>\n");
    }

    private static void open(StringBuilder h, String title) {
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").append(escape(title))
                .append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
    }

    private static String close(StringBuilder h) {
        return h.append("</body>\n</html>\n").toString();
    }

    private static void notes(StringBuilder h, List<String> warnings) {
        if (warnings.isEmpty()) {
            return;
        }
        h.append("<h2>Notes</h2>\n<ul class=\"notes\">");
        warnings.forEach(w -> h.append("<li>").append(escape(w)).append("</li>"));
        h.append("</ul>\n");
    }

    private static void term(StringBuilder h, String name, String value) {
        h.append("<dt>").append(escape(name)).append("</dt><dd>").append(escape(value)).append("</dd>");
    }

    private static void header(StringBuilder h, String... names) {
        h.append("<tr>");
        for (String n : names) {
            h.append("<th scope=\"col\">").append(escape(n)).append("</th>");
        }
        h.append("</tr>");
    }

    private static void cells(StringBuilder h, String... numbers) {
        for (String n : numbers) {
            h.append("<td class=\"n\">").append(escape(n)).append("</td>");
        }
    }

    private static void texts(StringBuilder h, String... texts) {
        for (String t : texts) {
            h.append("<td>").append(escape(t)).append("</td>");
        }
    }

    private static void trend(StringBuilder h, Trend t) {
        if (t == null) {
            h.append("<td>").append(Figures.UNDEFINED).append("</td>");
        } else {
            h.append("<td class=\"").append(t.word()).append("\">").append(t.arrow()).append(' ').append(t.word()).append("</td>");
        }
    }

    private static String orNone(String s) {
        return s == null ? "none" : s;
    }
}
