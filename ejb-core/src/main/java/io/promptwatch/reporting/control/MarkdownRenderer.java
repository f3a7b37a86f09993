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
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The reports as Markdown. The daily report follows seed 002's "Daily Report Template" section by
 * section (title, date, version, executive summary, key metrics, error analysis, calibration status,
 * alerts, recommendations), then the tables the recommendations rest on and the hourly figures the
 * HTML charts draw. Text from the data is escaped (Markdown's punctuation, and {@code <} and
 * {@code >} so that a viewer rendering inline HTML shows it as text); numbers read as {@link Figures} writes them.
 */
public final class MarkdownRenderer {

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private MarkdownRenderer() {
    }

    public static String daily(DailyReport r) {
        StringBuilder md = new StringBuilder();
        md.append("# Prompt Performance Report: ").append(text(r.promptId())).append('\n');
        md.append("Date: ").append(r.date()).append(" (UTC, ").append(r.from()).append(" to ").append(r.to()).append(")\n");
        md.append("Version: ").append(text(orNone(r.version()))).append("\n\n");

        md.append("## Executive Summary\n");
        md.append("- Total Executions: ").append(r.summary().executions()).append('\n');
        md.append("- Success Rate: ").append(Figures.rate(r.summary().successRate())).append('\n');
        md.append("- Average Latency: ").append(Figures.ms(r.summary().latencyAvgMs())).append('\n');
        md.append("- User Satisfaction: ").append(Figures.satisfaction(r.summary().userSatisfaction()))
                .append(" (").append(r.summary().feedbackCount()).append(" ratings)\n\n");

        md.append("## Key Metrics\n");
        md.append("| Metric | Today | Yesterday | vs Yesterday | Baseline | vs Baseline | Trend |\n");
        md.append("|--------|-------|-----------|--------------|----------|-------------|-------|\n");
        for (KeyMetric k : r.keyMetrics()) {
            Unit u = k.measure().unit();
            row(md, k.measure().title(), Figures.value(k.today(), u), Figures.value(k.yesterday(), u),
                    Figures.difference(k.vsYesterday(), u), Figures.value(k.baseline(), u), Figures.difference(k.vsBaseline(), u),
                    trend(k.trend()));
        }
        md.append('\n');

        md.append("## Error Analysis\n");
        if (r.errors().isEmpty()) {
            md.append("No failed records on the day or the day before.\n\n");
        } else {
            md.append("| Error Type | Count | % of Errors | Yesterday | Trend |\n");
            md.append("|------------|-------|-------------|-----------|-------|\n");
            for (ErrorRow e : r.errors()) {
                row(md, text(e.type()), Figures.count(e.count()), Figures.rate(e.share()), Figures.count(e.yesterday()), trend(e.trend()));
            }
            md.append('\n');
        }

        md.append("## Calibration Status\n");
        DailyReport.Calibration c = r.calibration();
        md.append("- Version: ").append(orNone(c.version())).append('\n');
        md.append("- Predicted Quality: ").append(Figures.quality(c.predicted())).append('\n');
        md.append("- Observed Quality: ").append(Figures.quality(c.observed())).append(" (").append(c.qualityCount())
                .append(" scores)\n");
        md.append("- Average Delta: ").append(Figures.qualityDelta(c.delta())).append('\n');
        md.append("- Status: ").append(c.status() == null ? Figures.UNDEFINED : Figures.word(c.status())).append('\n');
        md.append("- Adjustment Recommended: ").append(Figures.yesNo(c.adjustmentRecommended())).append("\n\n");

        md.append("## Alerts Triggered\n");
        md.append("- Warning: ").append(r.alerts().warning()).append('\n');
        md.append("- Critical: ").append(r.alerts().critical()).append('\n');
        md.append("- Rollbacks: ").append(r.alerts().rollbacks().size()).append("\n\n");
        if (!r.alerts().alerts().isEmpty()) {
            md.append("| Fired | Severity | Rule | Version | Metric | Observed | Limit | State |\n");
            md.append("|-------|----------|------|---------|--------|----------|-------|-------|\n");
            for (AlertLine a : r.alerts().alerts()) {
                row(md, a.firedAt().toString(), a.severity(), text(a.rule()), text(orNone(a.version())), text(orNone(a.metric())),
                        Figures.number(a.observed()), Figures.number(a.limit()), a.state());
            }
            md.append('\n');
        }
        if (!r.alerts().rollbacks().isEmpty()) {
            md.append("| Rolled back | From | To | Trigger | Reason |\n");
            md.append("|-------------|------|----|---------|--------|\n");
            for (RollbackLine b : r.alerts().rollbacks()) {
                row(md, b.at().toString(), text(b.fromVersion()), text(b.toVersion()), b.automatic() ? "automatic" : "manual",
                        text(orNone(b.reason())));
            }
            md.append('\n');
        }

        md.append("## Recommendations\n");
        if (r.recommendations().isEmpty()) {
            md.append("- None: no rule applied to the day's figures.\n");
        }
        for (Recommendation rec : r.recommendations()) {
            md.append("- ").append(text(rec.text())).append(" *(rule ").append(text(rec.rule().word())).append(": ")
                    .append(text(rec.criterion())).append(")*\n");
        }
        md.append('\n');

        md.append("## Versions on the Day\n");
        md.append("| Version | Executions | Success Rate | Baseline Success | Latency P95 | Baseline P95 | Avg Quality |\n");
        md.append("|---------|------------|--------------|------------------|-------------|--------------|-------------|\n");
        for (VersionRow v : r.versions()) {
            row(md, text(v.version()), Figures.count(v.executions()), Figures.rate(v.successRate()), Figures.rate(v.baselineSuccessRate()),
                    Figures.ms(v.latencyP95Ms()), Figures.ms(v.baselineLatencyP95Ms()), Figures.quality(v.qualityAvg()));
        }
        md.append('\n');
        md.append("## Models on the Day\n");
        md.append("| Model | Executions | Success Rate | Cost per Execution | Cost |\n");
        md.append("|-------|------------|--------------|--------------------|------|\n");
        for (ModelRow m : r.models()) {
            row(md, text(m.model()), Figures.count(m.executions()), Figures.rate(m.successRate()), Figures.cost(m.costAvg()),
                    Figures.cost(m.costSum()));
        }
        md.append('\n');
        md.append("## Hourly\n");
        md.append("| Hour (UTC) | Executions | Success Rate | Latency P95 |\n");
        md.append("|------------|------------|--------------|-------------|\n");
        for (HourPoint h : r.hours()) {
            row(md, HOUR.format(h.start()), Figures.count(h.executions()), Figures.rate(h.successRate()), Figures.ms(h.latencyP95Ms()));
        }
        md.append('\n');
        notes(md, r.warnings());
        md.append("*Generated ").append(r.generatedAt()).append(" from the rollups (the metrics API's figures for the same day).*\n");
        return md.toString();
    }

    public static String comprehensive(ComprehensiveReport r) {
        StringBuilder md = new StringBuilder();
        md.append("# Comprehensive Performance Report: last ").append(r.days()).append(" days\n");
        md.append("Period: ").append(r.from()).append(" to ").append(r.to()).append(" (UTC)\n\n");
        ComprehensiveReport.Overview o = r.summary();
        md.append("## Executive Summary\n");
        md.append("- Total Executions: ").append(o.executions()).append('\n');
        md.append("- Prompts with Records: ").append(o.promptsWithRecords()).append('\n');
        md.append("- Success Rate: ").append(Figures.rate(o.successRate())).append('\n');
        md.append("- Average Latency: ").append(Figures.ms(o.latencyAvgMs())).append('\n');
        md.append("- Latency P95: ").append(Figures.ms(o.latencyP95Ms())).append('\n');
        md.append("- User Satisfaction: ").append(Figures.satisfaction(o.userSatisfaction())).append('\n');
        md.append("- Total Cost: ").append(Figures.cost(o.costSum())).append('\n');
        md.append("- Alerts: ").append(o.warningAlerts()).append(" warning, ").append(o.criticalAlerts()).append(" critical\n");
        md.append("- Rollbacks: ").append(o.rollbacks()).append("\n\n");
        performers(md, "Top Performers", r.topPerformers());
        performers(md, "Under-performers", r.underPerformers());
        md.append("## Versions Deployed and Rolled Back\n");
        if (r.versionChanges().isEmpty()) {
            md.append("None in the period.\n\n");
        } else {
            md.append("| When | Prompt | Version | Change | By | Reason |\n");
            md.append("|------|--------|---------|--------|----|--------|\n");
            for (ComprehensiveReport.VersionChange v : r.versionChanges()) {
                row(md, v.at().toString(), text(v.promptId()), text(v.version()), v.change().word(), text(orNone(v.actor())),
                        text(orNone(v.reason())));
            }
            md.append('\n');
        }
        costs(md, "Cost by Model", "Model", r.costByModel());
        costs(md, "Cost by Prompt", "Prompt", r.costByPrompt());
        notes(md, r.warnings());
        md.append("*Generated ").append(r.generatedAt()).append(" from the rollups.*\n");
        return md.toString();
    }

    private static void performers(StringBuilder md, String title, List<PromptRow> rows) {
        md.append("## ").append(title).append('\n');
        if (rows.isEmpty()) {
            md.append("No prompt with enough records.\n\n");
            return;
        }
        md.append("| Prompt | Executions | Success Rate | Avg Quality | Latency P95 | Cost |\n");
        md.append("|--------|------------|--------------|-------------|-------------|------|\n");
        for (PromptRow p : rows) {
            row(md, text(p.promptId()), Figures.count(p.executions()), Figures.rate(p.successRate()), Figures.quality(p.qualityAvg()),
                    Figures.ms(p.latencyP95Ms()), Figures.cost(p.costSum()));
        }
        md.append('\n');
    }

    private static void costs(StringBuilder md, String title, String what, List<CostRow> rows) {
        md.append("## ").append(title).append('\n');
        md.append("| ").append(what).append(" | Executions | Cost | Cost per Execution | Share |\n");
        md.append("|------|------------|------|--------------------|-------|\n");
        for (CostRow c : rows) {
            row(md, text(c.name()), Figures.count(c.executions()), Figures.cost(c.costSum()), Figures.cost(c.costAvg()),
                    Figures.rate(c.share()));
        }
        md.append('\n');
    }

    private static void notes(StringBuilder md, List<String> warnings) {
        if (warnings.isEmpty()) {
            return;
        }
        md.append("## Notes\n");
        warnings.forEach(w -> md.append("- ").append(text(w)).append('\n'));
        md.append('\n');
    }

    private static void row(StringBuilder md, String... cells) {
        md.append('|');
        for (String cell : cells) {
            md.append(' ').append(cell).append(" |");
        }
        md.append('\n');
    }

    private static String trend(Trend t) {
        return t == null ? Figures.UNDEFINED : t.arrow() + " " + t.word();
    }

    private static String orNone(String s) {
        return s == null ? "none" : s;
    }

    /** Text from the data on one line, its Markdown punctuation and angle brackets escaped. */
    static String text(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '\\', '`', '*', '_', '[', ']', '|', '#' -> out.append('\\').append(ch);
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '\n', '\r', '\t' -> out.append(' ');
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
