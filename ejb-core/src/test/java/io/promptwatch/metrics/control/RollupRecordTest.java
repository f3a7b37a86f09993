package io.promptwatch.metrics.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RollupRecordTest {

    @Test
    void aRecordCountsForItsPromptVersionAndForAllPromptsOfItsModel() {
        RollupRecord r = new RollupRecord(1, Instant.parse("2026-11-25T10:37:12Z"), "support-bot", "1.2.0", "gpt-4o", null,
                10.0, null, null, null, null, true, null, null, null, null);
        Instant start = Instant.parse("2026-11-25T10:00:00Z");
        assertEquals(List.of(new BucketKey(Window.HOUR, start, "support-bot", "1.2.0", "gpt-4o", ""),
                new BucketKey(Window.HOUR, start, BucketKey.ALL, BucketKey.ALL, "gpt-4o", "")), r.keys(Window.HOUR));
    }
}
