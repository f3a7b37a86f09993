package io.promptwatch.reporting.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptwatch.metrics.entity.MetricValues;
import io.promptwatch.reporting.entity.ComprehensiveReport;
import io.promptwatch.reporting.entity.ComprehensiveReport.CostRow;
import io.promptwatch.reporting.entity.ComprehensiveReport.PromptRow;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The comprehensive report's ranking and cost tables from fixed figures, worked by hand beside each case. */
class ComprehensiveContentTest {

    private static final Instant TO = Instant.parse("2026-03-10T00:00:00Z");
    private static final Instant FROM = Instant.parse("2026-03-03T00:00:00Z");
    private static final double EXACT = 1e-12;

    private static Map<String, MetricValues> prompts() {
        Map<String, MetricValues> p = new TreeMap<>();
        p.put("a", Values.of(100, 99).quality(0.90, 100).cost(2.0, 0.02).build());   // 0.99, quality 0.90
        p.put("b", Values.of(100, 99).quality(0.95, 100).cost(1.0, 0.01).build());   // 0.99, quality 0.95: before a
        p.put("c", Values.of(50, 40).cost(0.5, 0.01).build());                       // 0.80, no quality
        p.put("d", Values.of(29, 10).cost(0.5, 0.5 / 29).build());                   // 29 < 30: not ranked
        p.put("e", Values.of(200, 180).quality(0.70, 200).cost(1.0, 0.005).build()); // 0.90
        return p;
    }

    private static ComprehensiveReport compose(int performers) {
        Map<String, MetricValues> models = new TreeMap<>();
        models.put("m1", Values.of(300, 280).cost(4.0, 4.0 / 300).build());
        models.put("m2", Values.of(179, 148).cost(1.0, 1.0 / 179).build());
        MetricValues overall = Values.of(479, 428).latency(700, 600, 1400).feedback(4.1, 20).cost(5.0, 5.0 / 479).build();
        return new ComprehensiveContent(30, performers).compose(new PeriodFigures(7, FROM, TO, overall, prompts(), models,
                List.of(), 2, 1, 1, List.of()), TO);
    }

    @Test
    void rankedBySuccessThenQualityWithEnoughRecords() {
        // Order: b (0.99, 0.95), a (0.99, 0.90), e (0.90), c (0.80); d has 29 records.
        ComprehensiveReport r = compose(2);
        assertEquals(List.of("b", "a"), r.topPerformers().stream().map(PromptRow::promptId).toList());
        assertEquals(List.of("c", "e"), r.underPerformers().stream().map(PromptRow::promptId).toList(), "worst first");
        assertNull(r.underPerformers().get(0).qualityAvg());
        assertTrue(r.warnings().contains("1 prompt(s) with fewer than 30 records in the period are not ranked"
                + " (promptwatch.reporting.min-samples)."), r.warnings().toString());
        // With three places the top takes e as well; the under-performers keep only c (no prompt in both lists).
        ComprehensiveReport three = compose(3);
        assertEquals(List.of("b", "a", "e"), three.topPerformers().stream().map(PromptRow::promptId).toList());
        assertEquals(List.of("c"), three.underPerformers().stream().map(PromptRow::promptId).toList());
    }

    @Test
    void overviewAndCostShares() {
        ComprehensiveReport r = compose(2);
        assertEquals(479, r.summary().executions());
        assertEquals(428.0 / 479, r.summary().successRate(), EXACT);
        assertEquals(5, r.summary().promptsWithRecords());
        assertEquals(5.0, r.summary().costSum(), EXACT);
        assertEquals(2, r.summary().warningAlerts());
        assertEquals(1, r.summary().criticalAlerts());
        // Models: 4.0 and 1.0 of 5.0 → shares 0.8 and 0.2.
        assertEquals(List.of("m1", "m2"), r.costByModel().stream().map(CostRow::name).toList());
        assertEquals(0.8, r.costByModel().get(0).share(), EXACT);
        assertEquals(0.2, r.costByModel().get(1).share(), EXACT);
        // Prompts: a 2.0, b 1.0, e 1.0, c 0.5, d 0.5 of 5.0 → 0.4, 0.2, 0.2, 0.1, 0.1; ties by name.
        assertEquals(List.of("a", "b", "e", "c", "d"), r.costByPrompt().stream().map(CostRow::name).toList());
        assertEquals(0.4, r.costByPrompt().get(0).share(), EXACT);
        assertEquals(0.1, r.costByPrompt().get(4).share(), EXACT);
        Reports.assertNoNaN(r);
    }

    @Test
    void anEmptyPeriodHasNoFiguresAndNoNaN() {
        MetricValues none = Values.of(0, 0).build();
        ComprehensiveReport r = new ComprehensiveContent(30, 5).compose(new PeriodFigures(7, FROM, TO, none, Map.of(),
                Map.of("m", none), List.of(), 0, 0, 0, List.of()), TO);
        assertNull(r.summary().successRate());
        assertNull(r.summary().costSum());
        assertEquals(List.of(), r.topPerformers());
        assertNull(r.costByModel().get(0).share(), "a share of a zero total is undefined");
        assertTrue(r.warnings().get(0).startsWith("No records in the period"), r.warnings().toString());
        Reports.assertNoNaN(r);
    }
}
