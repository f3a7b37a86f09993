package io.promptwatch.reporting.boundary;

import io.promptwatch.reporting.control.HtmlRenderer;
import io.promptwatch.reporting.control.JsonRenderer;
import io.promptwatch.reporting.control.MarkdownRenderer;
import io.promptwatch.reporting.entity.ComprehensiveReport;
import io.promptwatch.reporting.entity.DailyReport;
import io.promptwatch.reporting.entity.ReportFormat;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

/**
 * A report as Markdown, self-contained HTML or JSON: the batch step that stores reports, the digests
 * and the reports API all render through here, so the three formats of a report carry the same
 * figures. Rendering is pure (no data is read).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class Renderings {

    public String render(DailyReport report, ReportFormat format) {
        return switch (format) {
            case MARKDOWN -> MarkdownRenderer.daily(report);
            case HTML -> HtmlRenderer.daily(report);
            case JSON -> JsonRenderer.daily(report);
        };
    }

    public String render(ComprehensiveReport report, ReportFormat format) {
        return switch (format) {
            case MARKDOWN -> MarkdownRenderer.comprehensive(report);
            case HTML -> HtmlRenderer.comprehensive(report);
            case JSON -> JsonRenderer.comprehensive(report);
        };
    }
}
