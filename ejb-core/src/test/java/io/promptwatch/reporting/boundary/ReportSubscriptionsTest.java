package io.promptwatch.reporting.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.promptwatch.reporting.entity.ReportSubscription;
import io.promptwatch.reporting.entity.ReportType;
import io.promptwatch.reporting.entity.StoredReport;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which channels a stored report's digest goes to; the expected sets are read off the subscriptions by hand. */
class ReportSubscriptionsTest {

    private static final Instant DAY = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant NEXT = Instant.parse("2026-12-02T00:00:00Z");

    private static ReportSubscription subscription(ReportType type, String promptId, String... channels) {
        return new ReportSubscription(type, promptId, List.of(channels), "admin", NEXT);
    }

    private static final List<ReportSubscription> SUBSCRIPTIONS = List.of(
            subscription(ReportType.DAILY, "summarize", "slack", "mail"),
            subscription(ReportType.DAILY, null, "hook", "mail"),
            subscription(ReportType.DAILY, "translate", "pager"),
            subscription(ReportType.COMPREHENSIVE, null, "weekly"));

    @Test
    void aPromptsDailyReportGoesToItsOwnAndTheAllPromptSubscriptionsEachChannelOnce() {
        StoredReport report = new StoredReport(ReportType.DAILY, "summarize", DAY, NEXT, NEXT, 1L, "m", "h", "{}");
        assertEquals(List.of("slack", "mail", "hook"), List.copyOf(ReportSubscriptions.channelsFor(report, SUBSCRIPTIONS)));
    }

    @Test
    void anotherPromptsDailyReportGoesToTheAllPromptSubscriptionOnly() {
        StoredReport report = new StoredReport(ReportType.DAILY, "classify", DAY, NEXT, NEXT, 1L, "m", "h", "{}");
        assertEquals(List.of("hook", "mail"), List.copyOf(ReportSubscriptions.channelsFor(report, SUBSCRIPTIONS)));
    }

    @Test
    void aComprehensiveReportGoesToTheComprehensiveSubscriptionsOnly() {
        StoredReport report = new StoredReport(ReportType.COMPREHENSIVE, null, DAY.minusSeconds(6 * 86_400), NEXT, NEXT, 1L, "m", "h", "{}");
        assertEquals(List.of("weekly"), List.copyOf(ReportSubscriptions.channelsFor(report, SUBSCRIPTIONS)));
    }

    @Test
    void noSubscriptionNoChannel() {
        StoredReport report = new StoredReport(ReportType.DAILY, "summarize", DAY, NEXT, NEXT, 1L, "m", "h", "{}");
        assertEquals(List.of(), List.copyOf(ReportSubscriptions.channelsFor(report, List.of())));
    }
}
