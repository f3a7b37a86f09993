package io.promptwatch.reporting.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.promptwatch.reporting.control.Reports.Figure;
import io.promptwatch.reporting.entity.ComprehensiveReport;
import io.promptwatch.reporting.entity.DailyReport;
import io.promptwatch.reporting.entity.DailyReport.AlertLine;
import io.promptwatch.reporting.entity.DailyReport.Calibration;
import io.promptwatch.reporting.entity.DailyReport.KeyMetric;
import io.promptwatch.reporting.entity.Unit;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * The three renderings of one fixed report carry the same figures: every number of the report
 * (found by walking its records, so a figure a renderer forgets fails here) is in the JSON with its
 * exact value and in the Markdown and the HTML as {@link Figures} writes it; the unit of each figure
 * is this test's own knowledge (a rate in per cent, a latency in ms ...). Then each format's own
 * promises: seed 002's section order, escaping of every text from the data, an HTML page that
 * fetches nothing, charts that are well-formed SVG with a gap where hours have no records.
 */
class RenderersTest {

    private final DailyReport daily = Reports.daily();
    private final ComprehensiveReport comprehensive = Reports.comprehensive();

    @Test
    void everyNumberOfTheDailyReportIsInEachRendering() {
        assertSameNumbers(Reports.figures(daily), MarkdownRenderer.daily(daily), HtmlRenderer.daily(daily), JsonRenderer.daily(daily));
    }

    @Test
    void everyNumberOfTheComprehensiveReportIsInEachRendering() {
        assertSameNumbers(Reports.figures(comprehensive), MarkdownRenderer.comprehensive(comprehensive),
                HtmlRenderer.comprehensive(comprehensive), JsonRenderer.comprehensive(comprehensive));
    }

    @Test
    void figuresReadTheSameInMarkdownAndHtmlRows() {
        String md = MarkdownRenderer.daily(daily);
        // 0.9125 → 91.25 %; 0.95; −0.0375 → −3.75 points; 0.93; −0.0175 → −1.75 points
        assertTrue(md.contains("| Success Rate | 91.25% | 95.00% | -3.75 pp | 93.00% | -1.75 pp | \u2193 down |"), md);
        assertTrue(md.contains("| Latency P95 | 1480.0 ms | 1200.0 ms | +280.0 ms | 1500.0 ms | -20.0 ms | \u2191 up |"), md);
        assertTrue(md.contains("| Cost | 3.600000 | 3.000000 | +0.600000 | n/a | n/a | \u2191 up |"), md);
        // 12 / 21 = 0.571428… → 57.14 %
        assertTrue(md.contains("| timeout | 12 | 57.14% | 5 | \u2191 up |"), md);
        assertTrue(md.contains("- User Satisfaction: 4.20/5 (50 ratings)"), md);
        assertTrue(md.contains("- Average Delta: -0.070"), md);
        assertTrue(md.contains("- Status: minor_drift"), md);
        assertTrue(md.contains("- Adjustment Recommended: yes"), md);
        String html = HtmlRenderer.daily(daily);
        assertTrue(html.contains("<tr><th scope=\"row\">Success Rate</th><td class=\"n\">91.25%</td><td class=\"n\">95.00%</td>"
                + "<td class=\"n\">-3.75 pp</td><td class=\"n\">93.00%</td><td class=\"n\">-1.75 pp</td>"
                + "<td class=\"down\">\u2193 down</td></tr>"), html);
        assertTrue(html.contains("<dt>Status</dt><dd>minor_drift</dd>"), html);
        JsonObject json = parse(JsonRenderer.daily(daily));
        assertEquals(0.9125, json.getJsonObject("summary").getJsonNumber("successRate").doubleValue());
        JsonObject successRate = json.getJsonArray("keyMetrics").getJsonObject(0);
        assertEquals("successRate", successRate.getString("metric"));
        assertEquals(-0.0375, successRate.getJsonNumber("vsYesterday").doubleValue());
        assertEquals("down", successRate.getString("trend"));
        assertEquals("minor_drift", json.getJsonObject("calibration").getString("status"));
        assertTrue(json.getJsonArray("keyMetrics").getJsonObject(4).isNull("baseline"), "cost has no baseline: null");
    }

    @Test
    void markdownFollowsTheSeedTemplatesSections() {
        String md = MarkdownRenderer.daily(daily);
        int at = -1;
        for (String part : List.of("# Prompt Performance Report: support-triage", "Date: 2026-03-09", "Version: 2.0.0",
                "## Executive Summary", "- Total Executions: 240", "- Success Rate: 91.25%", "- Average Latency: 812.5 ms",
                "- User Satisfaction: 4.20/5", "## Key Metrics", "| Metric | Today |", "## Error Analysis",
                "| Error Type | Count | % of Errors |", "## Calibration Status", "- Average Delta:", "- Status:",
                "- Adjustment Recommended:", "## Alerts Triggered", "- Warning: 1", "- Critical: 0", "- Rollbacks: 1",
                "## Recommendations", "- Version 2.0.0 succeeded in 90.00%")) {
            int next = md.indexOf(part, at + 1);
            assertTrue(next > at, "'" + part + "' after the previous part:\n" + md);
            at = next;
        }
    }

    @Test
    void textFromTheDataIsEscapedInEveryFormat() {
        String md = MarkdownRenderer.daily(daily);
        assertTrue(md.contains("| bad&lt;script&gt;\\|x | 3 |"), md);
        assertTrue(md.contains("Latency &lt;b&gt;spike&lt;/b&gt;"), md);
        assertTrue(md.contains("operator: \"bad\" &amp; &lt;worse&gt;"), md);
        assertFalse(md.contains("<script>") || md.contains("<b>") || md.contains("<worse>"), md);
        String html = HtmlRenderer.daily(daily);
        assertTrue(html.contains("<td>bad&lt;script&gt;|x</td>"), html);
        assertTrue(html.contains("<td>Latency &lt;b&gt;spike&lt;/b&gt;</td>"), html);
        assertTrue(html.contains("<td>operator: &quot;bad&quot; &amp; &lt;worse&gt;</td>"), html);
        assertTrue(html.contains("<li>Version 2.0.0&#39;s baseline names no Avg Tokens | &lt;none&gt;</li>"), html);
        assertFalse(html.contains("<script") || html.contains("<b>") || html.contains("<worse>") || html.contains("<none>"), html);
        String comprehensiveHtml = HtmlRenderer.comprehensive(comprehensive);
        assertTrue(comprehensiveHtml.contains("<td>release &lt;1.1&gt; &amp; &quot;fix&quot;</td>"), comprehensiveHtml);
        assertTrue(comprehensiveHtml.contains("<td>gamma&lt;1&gt;</td>"), comprehensiveHtml);
        JsonObject json = parse(JsonRenderer.daily(daily));
        assertEquals("bad<script>|x", json.getJsonArray("errors").getJsonObject(2).getString("type"), "JSON carries the text as is");
        assertEquals("Support <triage>", json.getString("promptName"));
    }

    @Test
    void theHtmlPageFetchesNothing() {
        for (String html : List.of(HtmlRenderer.daily(daily), HtmlRenderer.comprehensive(comprehensive))) {
            assertTrue(html.startsWith("<!DOCTYPE html>"), html);
            assertTrue(html.contains("<style>"), "inline CSS");
            for (String external : List.of("<script", "<link", "<img", "<iframe", "src=", "href=", "url(", "@import", "http:", "https:", "//")) {
                assertFalse(html.contains(external), "no external resource: found '" + external + "'");
            }
        }
    }

    @Test
    void chartsAreWellFormedSvgWithAGapForHoursWithoutRecords() throws Exception {
        String html = HtmlRenderer.daily(daily);
        Matcher svg = Pattern.compile("<svg.*?</svg>", Pattern.DOTALL).matcher(html);
        List<Document> charts = new ArrayList<>();
        while (svg.find()) {
            charts.add(DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(svg.group().getBytes(StandardCharsets.UTF_8))));
        }
        assertEquals(2, charts.size(), "success rate and p95 latency");
        for (Document chart : charts) {
            // Hours 00–02 have no records: one line from 03:00 to 23:00, 21 points, each with its tooltip.
            assertEquals(1, chart.getElementsByTagName("polyline").getLength());
            String points = chart.getElementsByTagName("polyline").item(0).getAttributes().getNamedItem("points").getNodeValue();
            assertEquals(21, points.split(" ").length, points);
            assertEquals(21, chart.getElementsByTagName("circle").getLength());
        }
        // Tooltips read as the tables do: 03:00 had 9 of 10 (90.00 %), p95 1000 + 20 × 3 = 1060 ms.
        assertTrue(html.contains("<title>03:00 90.00%</title>"), html);
        assertTrue(html.contains("<title>03:00 1060.0 ms</title>"), html);
        // The p95 axis tops at the largest p95 (1000 + 20 × 23 = 1460) rounded up to 2 × 10^3.
        assertTrue(html.contains(">2000.0 ms</text>"), html);
    }

    @Test
    void aNiceCeilingIsOneTwoOrFiveTimesAPowerOfTen() {
        assertEquals(2000, HtmlRenderer.niceCeiling(1460));
        assertEquals(1000, HtmlRenderer.niceCeiling(1000));
        assertEquals(5, HtmlRenderer.niceCeiling(4.2));
        assertEquals(10, HtmlRenderer.niceCeiling(5.1));
        assertEquals(1, HtmlRenderer.niceCeiling(0));
    }

    private static void assertSameNumbers(List<Figure> figures, String md, String html, String json) {
        assertTrue(figures.size() > 20, "the fixed report holds figures: " + figures.size());
        List<Double> inJson = new ArrayList<>();
        collect(parse(json), inJson);
        for (Figure f : figures) {
            String where = f.owner().getClass().getSimpleName() + "." + f.name() + " = " + f.value();
            String shown = shown(f);
            assertTrue(md.contains(shown), where + ": Markdown lacks '" + shown + "'");
            assertTrue(html.contains(HtmlRenderer.escape(shown)), where + ": HTML lacks '" + shown + "'");
            assertTrue(inJson.contains(f.value().doubleValue()), where + ": JSON lacks " + f.value());
        }
    }

    /** How a figure is written on the page, by what it measures. */
    private static String shown(Figure f) {
        Number v = f.value();
        if (v instanceof Long || v instanceof Integer) {
            return v.toString();
        }
        double d = v.doubleValue();
        if (f.owner() instanceof KeyMetric k) {
            Unit unit = k.measure().unit();
            return f.name().startsWith("vs") ? Figures.difference(d, unit) : Figures.value(d, unit);
        }
        if (f.owner() instanceof AlertLine) {
            return Figures.number(d);
        }
        if (f.owner() instanceof Calibration) {
            return f.name().equals("delta") ? Figures.qualityDelta(d) : Figures.quality(d);
        }
        return switch (f.name()) {
            case "successRate", "share", "baselineSuccessRate" -> Figures.rate(d);
            case "latencyAvgMs", "latencyP95Ms", "baselineLatencyP95Ms" -> Figures.ms(d);
            case "userSatisfaction" -> Figures.satisfaction(d);
            case "qualityAvg" -> Figures.quality(d);
            case "costSum", "costAvg" -> Figures.cost(d);
            default -> fail("the test knows no unit for " + f.owner().getClass().getSimpleName() + "." + f.name());
        };
    }

    private static void collect(JsonValue value, List<Double> numbers) {
        switch (value.getValueType()) {
            case NUMBER -> numbers.add(((JsonNumber) value).doubleValue());
            case OBJECT -> value.asJsonObject().values().forEach(v -> collect(v, numbers));
            case ARRAY -> value.asJsonArray().forEach(v -> collect(v, numbers));
            default -> {
            }
        }
    }

    private static JsonObject parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
