package io.promptwatch.reports.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a restart reads on with: the prompts after the checkpoint, in id order (expected lists written out by hand). */
class DailyReportReaderTest {

    @Test
    void aRestartGoesOnAfterTheLastPromptStored() {
        List<String> prompts = List.of("beta", "alpha", "gamma", "delta");
        assertEquals(List.of("alpha", "beta", "delta", "gamma"), DailyReportReader.after(prompts, null));
        assertEquals(List.of("delta", "gamma"), DailyReportReader.after(prompts, "beta"));
        assertEquals(List.of(), DailyReportReader.after(prompts, "gamma"));
        // A prompt that got its first records after the first run lists still comes in its place in id order.
        assertEquals(List.of("gamma"), DailyReportReader.after(List.of("alpha", "gamma"), "beta"));
    }
}
