package io.promptwatch.metrics.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.promptwatch.metrics.entity.Window;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RollupRecordTest {

    @Test
    void aRecordCountsOnceInEachBreakdown() {
        RollupRecord r = new RollupRecord(1, Instant.parse("2026-11-25T10:37:12Z"), "support-bot", "1.2.0", "gpt-4o", "billing",
                10.0, null, null, null, null, true, null, null, null, null);
        Instant start = Instant.parse("2026-11-25T10:00:00Z");
        assertEquals(List.of(new BucketKey(Window.HOUR, start, Breakdown.DETAIL, "support-bot", "1.2.0", "gpt-4o", "billing"),
                new BucketKey(Window.HOUR, start, Breakdown.PROMPT, "support-bot", "", "", ""),
                new BucketKey(Window.HOUR, start, Breakdown.VERSION, "support-bot", "1.2.0", "", ""),
                new BucketKey(Window.HOUR, start, Breakdown.MODEL, "support-bot", "", "gpt-4o", ""),
                new BucketKey(Window.HOUR, start, Breakdown.ACROSS_PROMPTS, "", "", "gpt-4o", "billing")), r.keys(Window.HOUR));
    }

    @Test
    void aRecordWithoutDomainCountsInTheNoDomainBuckets() {
        RollupRecord r = new RollupRecord(1, Instant.parse("2026-11-25T10:37:12Z"), "support-bot", "1.2.0", "gpt-4o", null,
                10.0, null, null, null, null, true, null, null, null, null);
        List<BucketKey> keys = r.keys(Window.DAY);
        assertEquals("", keys.get(0).domain());
        assertEquals(Instant.parse("2026-11-25T00:00:00Z"), keys.get(0).start());
    }
}
