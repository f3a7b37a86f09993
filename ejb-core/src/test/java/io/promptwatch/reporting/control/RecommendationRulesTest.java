package io.promptwatch.reporting.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptwatch.reporting.entity.DailyReport.ErrorRow;
import io.promptwatch.reporting.entity.DailyReport.ModelRow;
import io.promptwatch.reporting.entity.DailyReport.VersionRow;
import io.promptwatch.reporting.entity.Recommendation;
import io.promptwatch.reporting.entity.Recommendation.Rule;
import io.promptwatch.reporting.entity.Trend;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The recommendation rules with the default settings (min-samples 30, error min-count 5 and factor 2,
 * cheaper model: 30 records, 1 point, 20 %). Which rows qualify is worked by hand beside each case.
 */
class RecommendationRulesTest {

    private final RecommendationRules rules = new RecommendationRules(30, 5, 2, 30, 0.01, 0.20);

    @Test
    void aVersionBelowItsBaselineOrSlowerThanItWithEnoughRecords() {
        List<Recommendation> found = rules.versions(List.of(
                // 0.975 ≥ 0.95 and 1100 ≤ 1500: nothing
                new VersionRow("1.0.0", 40, 0.975, 1100.0, 0.84, 0.95, 1500.0),
                // 0.90 < 0.93 and 1520 > 1500: both rules
                new VersionRow("2.0.0", 200, 0.90, 1520.0, 0.78, 0.93, 1500.0),
                // far off, but 29 < 30 records: nothing
                new VersionRow("3.0.0", 29, 0.50, 9000.0, null, 0.95, 1500.0),
                // exactly on its baseline (not below, not above) with exactly 30 records: nothing
                new VersionRow("4.0.0", 30, 0.93, 1500.0, null, 0.93, 1500.0),
                // exactly 30 records, 0.90 < 0.93; no p95 baseline: only the first rule
                new VersionRow("5.0.0", 30, 0.90, 2000.0, null, 0.93, null),
                // no baseline at all: nothing to compare
                new VersionRow("6.0.0", 100, 0.10, 9000.0, null, null, null)));
        assertEquals(List.of("2.0.0:VERSION_BELOW_BASELINE", "2.0.0:VERSION_SLOWER_THAN_BASELINE", "5.0.0:VERSION_BELOW_BASELINE"),
                found.stream().map(r -> r.subject() + ":" + r.rule()).toList());
        assertEquals("Version 2.0.0 succeeded in 90.00% of 200 executions, below its baseline of 93.00%: review it against"
                + " its rollback reference.", found.get(0).text());
        assertEquals("Version 2.0.0 had a p95 latency of 1520.0 ms over 200 executions, above its baseline of 1500.0 ms:"
                + " check the prompt's length and the model's latency.", found.get(1).text());
        assertEquals("success rate below the baseline's expected accuracy, at least 30 records", found.get(0).criterion());
    }

    @Test
    void anErrorTypeThatAtLeastDoubledWithEnoughOccurrences() {
        List<Recommendation> found = rules.errors(List.of(
                new ErrorRow("timeout", 12, 0.5, 5, Trend.UP),          // 12 ≥ 5 and 12 ≥ 2 × 5 = 10: yes
                new ErrorRow("rate_limit", 10, 0.3, 5, Trend.UP),       // 10 = 2 × 5 exactly: yes
                new ErrorRow("content_filter", 9, 0.1, 5, Trend.UP),    // 9 < 10: no
                new ErrorRow("new_error", 5, 0.05, 0, Trend.UP),        // 5 ≥ 5, none before: yes (new)
                new ErrorRow("rare", 4, 0.05, 0, Trend.UP),             // 4 < 5: no
                new ErrorRow("gone", 0, 0.0, 7, Trend.DOWN)));          // 0 < 5: no
        assertEquals(List.of("timeout", "rate_limit", "new_error"), found.stream().map(Recommendation::subject).toList());
        assertTrue(found.stream().allMatch(r -> r.rule() == Rule.ERROR_TYPE_DOUBLED));
        assertEquals("Error type 'timeout' occurred 12 times, up from 5 the day before: look at its error messages in the"
                + " day's records.", found.get(0).text());
        assertTrue(found.get(2).text().contains("new today (none the day before)"), found.get(2).text());
        assertEquals("at least 5 occurrences and at least 2 times the day before", found.get(0).criterion());
    }

    @Test
    void aCheaperModelAsGoodOnTheBoundaries() {
        List<Recommendation> found = rules.models(List.of(
                new ModelRow("big", 100, 0.95, 0.02, 2.0),
                // 0.94 = 0.95 − 1 point exactly, 0.016 = 0.02 × (1 − 0.20) exactly: as good and cheap enough for "big"
                new ModelRow("small", 100, 0.94, 0.016, 1.6),
                // far cheaper and better, but 29 < 30 records: never compared
                new ModelRow("tiny", 29, 0.99, 0.001, 0.029),
                // cheap but 0.92 < 0.95 − 0.01 (for big) and < 0.94 − 0.01 (for small): not as good
                new ModelRow("cheap-bad", 100, 0.92, 0.005, 0.5),
                // for "mid" (0.96, 0.018): as good needs ≥ 0.95 and cheap enough ≤ 0.0144; big, small, cheap-bad all miss
                new ModelRow("mid", 50, 0.96, 0.018, 0.9)));
        assertEquals(1, found.size(), found::toString);
        Recommendation r = found.get(0);
        assertEquals(Rule.CHEAPER_MODEL, r.rule());
        assertEquals("big", r.subject());
        // 1 − 0.016 / 0.02 = 0.2 → "20.0%"
        assertEquals("Model small cost 0.016000 per execution, 20.0% less than big (0.020000), with a success rate of 94.00%"
                + " against 95.00% (100 and 100 executions): consider small for this prompt.", r.text());
        assertEquals("success rate at most 1.00 pp below and cost per execution at least 20.0% lower, at least 30 records each",
                r.criterion());
    }

    @Test
    void theCheapestOfSeveralQualifyingModelsIsNamed() {
        List<Recommendation> found = rules.models(List.of(
                new ModelRow("big", 100, 0.95, 0.02, 2.0),
                new ModelRow("small", 100, 0.94, 0.016, 1.6),
                // for big: 0.95 ≥ 0.94 and 0.010 ≤ 0.016: qualifies and is cheaper than small
                // for small: 0.95 ≥ 0.93 and 0.010 ≤ 0.0128: qualifies
                new ModelRow("smaller", 40, 0.95, 0.010, 0.4)));
        assertEquals(List.of("big→smaller", "small→smaller"),
                found.stream().map(r -> r.subject() + "→" + r.text().split(" ")[1]).toList());
    }

    @Test
    void justOutsideTheBoundsIsNotRecommended() {
        // 0.939 < 0.94 (1.1 points below); 0.0161 > 0.016 (19.5 % cheaper)
        assertEquals(List.of(), rules.models(List.of(new ModelRow("big", 100, 0.95, 0.02, 2.0),
                new ModelRow("worse", 100, 0.939, 0.010, 1.0), new ModelRow("dearer", 100, 0.99, 0.0161, 1.61))));
    }

    @Test
    void modelsWithoutCostOrSuccessAreNotCompared() {
        assertEquals(List.of(), rules.models(List.of(new ModelRow("free", 100, 0.95, 0.0, 0.0),
                new ModelRow("unknown", 100, 0.99, null, 0.0), new ModelRow("other", 100, 0.99, 0.0, 0.0))));
    }

    @Test
    void thresholdsOutOfRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RecommendationRules(0, 5, 2, 30, 0.01, 0.2));
        assertThrows(IllegalArgumentException.class, () -> new RecommendationRules(30, 5, 0.5, 30, 0.01, 0.2));
        assertThrows(IllegalArgumentException.class, () -> new RecommendationRules(30, 5, 2, 30, 0.01, 1.0));
    }
}
