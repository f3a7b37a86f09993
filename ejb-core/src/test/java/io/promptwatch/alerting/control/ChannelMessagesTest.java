package io.promptwatch.alerting.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptwatch.alerting.entity.Notice;
import io.promptwatch.alerting.entity.NoticeKind;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChannelMessagesTest {

    private static final Instant AT = Instant.parse("2026-12-02T10:15:30Z");

    private static final Notice FIRING = new Notice(NoticeKind.FIRING, "a-17", "critical", "High error rate",
            "summarize", "2.0.0", "error_rate", 0.1, 0.05, ">", "5m", 120, AT, null);

    private static JsonObject parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    @Test
    void theWebhookBodyCarriesEveryNoticeField() {
        JsonObject body = parse(ChannelMessages.webhook(FIRING));
        assertEquals("alert.firing", body.getString("event"));
        assertEquals("[critical] error_rate 0.100 > 0.050 over 5m on summarize 2.0.0 (120 samples)", body.getString("text"));
        JsonObject alert = body.getJsonObject("alert");
        assertEquals("firing", alert.getString("kind"));
        assertEquals("a-17", alert.getString("alertId"));
        assertEquals("critical", alert.getString("severity"));
        assertEquals("High error rate", alert.getString("ruleName"));
        assertEquals("summarize", alert.getString("promptId"));
        assertEquals("2.0.0", alert.getString("version"));
        assertEquals("error_rate", alert.getString("metric"));
        assertEquals(0.1, alert.getJsonNumber("value").doubleValue());
        assertEquals(0.05, alert.getJsonNumber("limit").doubleValue());
        assertEquals(">", alert.getString("comparison"));
        assertEquals("5m", alert.getString("window"));
        assertEquals(120, alert.getJsonNumber("samples").longValueExact());
        assertEquals("2026-12-02T10:15:30Z", alert.getString("at"));
        assertTrue(alert.isNull("detail"), "an unknown field is present as null, so the shape never changes");
        assertEquals(14, alert.size(), "one member per notice field");
    }

    @Test
    void aTestMessageIsAChannelEventWithNulls() {
        JsonObject body = parse(ChannelMessages.webhook(Notice.test("channel ops", AT)));
        assertEquals("channel.test", body.getString("event"));
        JsonObject alert = body.getJsonObject("alert");
        assertTrue(alert.isNull("alertId"));
        assertTrue(alert.isNull("value"));
        assertEquals("channel ops", alert.getString("detail"));
    }

    @Test
    void eventNamesFollowTheKind() {
        assertEquals("alert.repeat", ChannelMessages.event(NoticeKind.REPEAT));
        assertEquals("alert.escalation", ChannelMessages.event(NoticeKind.ESCALATION));
        assertEquals("alert.resolved", ChannelMessages.event(NoticeKind.RESOLVED));
        assertEquals("alert.rollback", ChannelMessages.event(NoticeKind.ROLLBACK));
        assertEquals("alert.manual_intervention", ChannelMessages.event(NoticeKind.MANUAL_INTERVENTION));
    }

    @Test
    void aNonFiniteValueIsWrittenAsNull() {
        Notice odd = new Notice(NoticeKind.FIRING, "a-1", "warning", "r", "p", "1", "avg_quality", Double.NaN, 0.5, "<",
                "1h", 3, AT, null);
        assertEquals(JsonValue.NULL, parse(ChannelMessages.webhook(odd)).getJsonObject("alert").get("value"));
    }

    @Test
    void theSlackMessageHasTextAHeaderAndFields() {
        JsonObject message = parse(ChannelMessages.slack(FIRING));
        // Slack's mrkdwn needs > escaped as &gt; (api.slack.com, "Formatting text for app surfaces").
        assertEquals("[critical] error_rate 0.100 &gt; 0.050 over 5m on summarize 2.0.0 (120 samples)",
                message.getString("text"));
        JsonArray blocks = message.getJsonArray("blocks");
        assertEquals(2, blocks.size(), "no detail, no third block");
        JsonObject header = blocks.getJsonObject(0);
        assertEquals("header", header.getString("type"));
        assertEquals("plain_text", header.getJsonObject("text").getString("type"));
        assertEquals("Critical · Firing: High error rate on summarize 2.0.0", header.getJsonObject("text").getString("text"));
        JsonObject section = blocks.getJsonObject(1);
        assertEquals("section", section.getString("type"));
        JsonArray fields = section.getJsonArray("fields");
        assertEquals("mrkdwn", fields.getJsonObject(0).getString("type"));
        assertEquals("*Severity*\ncritical", fields.getJsonObject(0).getString("text"));
        assertEquals("*Condition*\nerror_rate 0.100 &gt; 0.050", fields.getJsonObject(3).getString("text"));
        assertEquals("*Window*\n5m, 120 samples", fields.getJsonObject(4).getString("text"));
        assertEquals(7, fields.size());
    }

    @Test
    void slackLimitsAreKeptAndUserTextEscaped() {
        String longName = "<script> & " + "x".repeat(300);
        Notice notice = new Notice(NoticeKind.MANUAL_INTERVENTION, "a-9", "critical", longName, "p", "1", null, null,
                null, null, null, 0, AT, "3 rollbacks of p today & the limit is 3");
        JsonObject message = parse(ChannelMessages.slack(notice));
        JsonArray blocks = message.getJsonArray("blocks");
        String header = blocks.getJsonObject(0).getJsonObject("text").getString("text");
        assertEquals(ChannelMessages.SLACK_HEADER_MAX, header.length());
        assertTrue(header.endsWith("…"));
        String rule = blocks.getJsonObject(1).getJsonArray("fields").getJsonObject(1).getString("text");
        assertTrue(rule.startsWith("*Rule*\n&lt;script&gt; &amp; xxx"), rule);
        assertEquals("3 rollbacks of p today &amp; the limit is 3",
                blocks.getJsonObject(2).getJsonObject("text").getString("text"));
    }

    @Test
    void cuttingNeverSplitsAnEntityOrASurrogatePair() {
        assertEquals("ab…", ChannelMessages.cut("ab&amp;cd", 5));
        assertEquals("ab&amp;…", ChannelMessages.cut("ab&amp;cd", 8));
        assertEquals("a…", ChannelMessages.cut("a\uD83D\uDE00bc", 3));
        assertEquals("short", ChannelMessages.cut("short", 5));
    }

    @Test
    void theMailHasASubjectAndEveryFact() {
        MailMessage mail = ChannelMessages.mail(FIRING);
        assertEquals("[Promptwatch] Critical · Firing: High error rate on summarize 2.0.0", mail.subject());
        assertTrue(mail.text().startsWith(FIRING.summary() + "\n\n"), mail.text());
        assertTrue(mail.text().contains("\nMetric: error_rate\nValue: 0.100\nCompared: >\nLimit: 0.050\nWindow: 5m\n"
                + "Samples: 120\nAt: 2026-12-02T10:15:30Z\n"), mail.text());
        assertFalse(mail.text().contains("Detail:"), "absent facts are left out");
    }

    @Test
    void aSubjectStaysOneLine() {
        Notice notice = new Notice(NoticeKind.FIRING, "a-1", "warning", "evil\r\nBcc: x@example.com", "p", "1",
                null, null, null, null, null, 0, AT, null);
        assertEquals("[Promptwatch] Warning · Firing: evil Bcc: x@example.com on p 1", ChannelMessages.mail(notice).subject());
    }
}
