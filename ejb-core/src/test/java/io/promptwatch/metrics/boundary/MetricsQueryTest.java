package io.promptwatch.metrics.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.promptwatch.metrics.boundary.MetricsQuery.Filter;
import io.promptwatch.metrics.control.Breakdown;
import org.junit.jupiter.api.Test;

class MetricsQueryTest {

    @Test
    void aFilterReadsTheBreakdownThatHoldsItsTotals() {
        assertEquals(Breakdown.PROMPT, MetricsQuery.breakdownFor(new Filter("support-bot", null, null, null, null)));
        assertEquals(Breakdown.PROMPT, MetricsQuery.breakdownFor(new Filter(null, null, null, "support", null)));
        assertEquals(Breakdown.VERSION, MetricsQuery.breakdownFor(new Filter("support-bot", "1.2.0", null, null, null)));
        assertEquals(Breakdown.MODEL, MetricsQuery.breakdownFor(new Filter("support-bot", null, "gpt-4o", null, null)));
        assertEquals(Breakdown.MODEL, MetricsQuery.breakdownFor(new Filter(null, null, "gpt-4o", "support", null)));
    }

    @Test
    void aDomainOrAVersionWithAModelNeedsTheDetail() {
        assertEquals(Breakdown.DETAIL, MetricsQuery.breakdownFor(new Filter("support-bot", null, null, null, "billing")));
        assertEquals(Breakdown.DETAIL, MetricsQuery.breakdownFor(new Filter("support-bot", "1.2.0", "gpt-4o", null, null)));
        assertEquals(Breakdown.DETAIL, MetricsQuery.breakdownFor(new Filter(null, null, null, "support", "billing")));
    }

    @Test
    void withoutPromptOrTagTheAllPromptsBucketsAnswer() {
        assertEquals(Breakdown.ACROSS_PROMPTS, MetricsQuery.breakdownFor(new Filter(null, null, null, null, null)));
        assertEquals(Breakdown.ACROSS_PROMPTS, MetricsQuery.breakdownFor(new Filter(null, null, "gpt-4o", null, "billing")));
    }
}
