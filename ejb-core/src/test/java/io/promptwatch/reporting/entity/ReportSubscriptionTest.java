package io.promptwatch.reporting.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptwatch.problem.ProblemException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which reports a subscription covers and what it refuses; expectations follow from the class's Javadoc. */
class ReportSubscriptionTest {

    private static final Instant NOW = Instant.parse("2026-12-02T06:00:00Z");

    @Test
    void aDailySubscriptionOfOnePromptCoversThatPromptsDailyReportsOnly() {
        ReportSubscription s = new ReportSubscription(ReportType.DAILY, "summarize", List.of("c1"), "admin", NOW);
        assertTrue(s.covers(ReportType.DAILY, "summarize"));
        assertFalse(s.covers(ReportType.DAILY, "translate"));
        assertFalse(s.covers(ReportType.COMPREHENSIVE, null));
    }

    @Test
    void aDailySubscriptionWithoutPromptCoversEveryPrompt() {
        ReportSubscription s = new ReportSubscription(ReportType.DAILY, null, List.of("c1"), "admin", NOW);
        assertTrue(s.covers(ReportType.DAILY, "summarize"));
        assertTrue(s.covers(ReportType.DAILY, "translate"));
        assertFalse(s.covers(ReportType.COMPREHENSIVE, null));
    }

    @Test
    void aComprehensiveSubscriptionCoversComprehensiveReportsOnly() {
        ReportSubscription s = new ReportSubscription(ReportType.COMPREHENSIVE, null, List.of("c1"), "admin", NOW);
        assertTrue(s.covers(ReportType.COMPREHENSIVE, null));
        assertFalse(s.covers(ReportType.DAILY, "summarize"));
    }

    @Test
    void repeatedChannelsAreKeptOnceInOrder() {
        ReportSubscription s = new ReportSubscription(ReportType.DAILY, null, List.of("c2", "c1", "c2"), "admin", NOW);
        assertEquals(List.of("c2", "c1"), s.channels());
        assertEquals(NOW, s.createdAt());
        assertEquals(36, s.id().length(), "a UUID");
    }

    @Test
    void refusalsNameTheirField() {
        assertEquals("type", refused(() -> new ReportSubscription(null, null, List.of("c1"), "a", NOW)));
        assertEquals("promptId", refused(() -> new ReportSubscription(ReportType.COMPREHENSIVE, "p", List.of("c1"), "a", NOW)));
        assertEquals("promptId", refused(() -> new ReportSubscription(ReportType.DAILY, "", List.of("c1"), "a", NOW)));
        assertEquals("promptId", refused(() -> new ReportSubscription(ReportType.DAILY, "p".repeat(65), List.of("c1"), "a", NOW)));
        assertEquals("channels", refused(() -> new ReportSubscription(ReportType.DAILY, null, List.of(), "a", NOW)));
        assertEquals("channels", refused(() -> new ReportSubscription(ReportType.DAILY, null, null, "a", NOW)));
        assertEquals("channels", refused(() -> new ReportSubscription(ReportType.DAILY, null, List.of("a,b"), "a", NOW)));
        assertEquals("channels", refused(() -> new ReportSubscription(ReportType.DAILY, null, List.of("c".repeat(37)), "a", NOW)));
        assertEquals("channels", refused(() -> new ReportSubscription(ReportType.DAILY, null,
                java.util.stream.IntStream.range(0, 51).mapToObj(i -> "c" + i).toList(), "a", NOW)));
    }

    private static String refused(Runnable creation) {
        ProblemException e = assertThrows(ProblemException.class, creation::run);
        assertEquals(400, e.status());
        return e.field();
    }
}
