package io.promptwatch.alerting.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class NoticeTest {

    static final Instant AT = Instant.parse("2026-12-02T10:15:30Z");

    static Notice firing() {
        return new Notice(NoticeKind.FIRING, "a-17", "critical", "High error rate", "summarize", "2.0.0",
                "error_rate", 0.1, 0.05, ">", "5m", 120, AT, null);
    }

    @Test
    void summaryOfAFiringAlert() {
        assertEquals("[critical] error_rate 0.100 > 0.050 over 5m on summarize 2.0.0 (120 samples)", firing().summary());
    }

    @Test
    void summaryOfARollbackCarriesTheDetail() {
        Notice rollback = new Notice(NoticeKind.ROLLBACK, "a-17", "critical", "High error rate", "summarize", "2.0.0",
                "error_rate", 0.1, 0.05, ">", "5m", 120, AT, "rolled back 2.0.0 → 1.0.0");
        assertEquals("[critical] rolled back: error_rate 0.100 > 0.050 over 5m on summarize 2.0.0 (120 samples)"
                + " — rolled back 2.0.0 → 1.0.0", rollback.summary());
    }

    @Test
    void summaryOfABaselineComparisonAndOfAnAnomaly() {
        // latency_p95 compared with baseline 1,200 ms × 1.5 = 1,800 ms: large values get one decimal.
        Notice baseline = new Notice(NoticeKind.REPEAT, "a-3", "warning", "Slow", "chat", "1.1.0",
                "latency_p95", 2450.0, 1800.0, ">", "15m", 1, AT, null);
        assertEquals("[warning] still firing: latency_p95 2450.0 > 1800.0 over 15m on chat 1.1.0 (1 sample)",
                baseline.summary());
        Notice anomaly = new Notice(NoticeKind.FIRING, "a-4", "warning", "Odd latency", "chat", null,
                "latency_p95", 2450.0, 1800.0, "anomaly", "1h", 300, AT, null);
        assertEquals("[warning] latency_p95 2450.0 (anomaly, limit 1800.0) over 1h on chat (300 samples)",
                anomaly.summary());
    }

    @Test
    void aTestNoticeHasNoAlert() {
        Notice test = Notice.test("channel ops-webhook", AT);
        assertNull(test.alertId());
        assertNull(test.condition());
        assertNull(test.target());
        assertEquals("[warning] test message from Promptwatch: channel ops-webhook", test.summary());
    }

    @Test
    void numbersKeepThreeDecimalsBelowAHundred() {
        assertEquals("0.050", Notice.number(0.05));
        assertEquals("99.999", Notice.number(99.999));
        assertEquals("100.0", Notice.number(100));
        assertEquals("-0.250", Notice.number(-0.25));
        assertEquals("NaN", Notice.number(Double.NaN));
    }

    @Test
    void refusesAnInvalidNotice() {
        assertThrows(IllegalArgumentException.class, () -> new Notice(NoticeKind.FIRING, "a", "info", null, null, null,
                null, null, null, null, null, 0, AT, null));
        assertThrows(IllegalArgumentException.class, () -> new Notice(NoticeKind.FIRING, "a", "warning", null, null, null,
                null, null, null, null, null, -1, AT, null));
        assertThrows(NullPointerException.class, () -> new Notice(null, "a", "warning", null, null, null,
                null, null, null, null, null, 0, AT, null));
        assertThrows(NullPointerException.class, () -> new Notice(NoticeKind.FIRING, "a", "warning", null, null, null,
                null, null, null, null, null, 0, null, null));
    }
}
