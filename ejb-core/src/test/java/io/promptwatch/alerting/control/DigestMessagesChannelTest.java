package io.promptwatch.alerting.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptwatch.alerting.entity.Digest;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** A report digest as Slack and e-mail get it; expected texts written out by hand from ChannelMessages' Javadoc. */
class DigestMessagesChannelTest {

    private static final Digest DIGEST = new Digest("Daily report summarize 2026-12-01",
            "Total Executions: 12\nSuccess Rate: 75.0 % <&>\n", "https://pw.example.com/api/v1/reports/7?format=html&x=1",
            "{\"event\":\"report.ready\"}", "<html><body>report</body></html>");

    private static JsonObject parse(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }

    @Test
    void slackGetsTheSummaryEscapedAndALinkToTheHtml() {
        JsonObject body = parse(ChannelMessages.slack(DIGEST));
        assertEquals("Total Executions: 12\nSuccess Rate: 75.0 % &lt;&amp;&gt;\n"
                + "<https://pw.example.com/api/v1/reports/7?format=html&amp;x=1|Open the report>", body.getString("text"));
        JsonArray blocks = body.getJsonArray("blocks");
        assertEquals(3, blocks.size());
        assertEquals("Daily report summarize 2026-12-01", blocks.getJsonObject(0).getJsonObject("text").getString("text"));
        assertEquals("Total Executions: 12\nSuccess Rate: 75.0 % &lt;&amp;&gt;",
                blocks.getJsonObject(1).getJsonObject("text").getString("text"));
        assertEquals("<https://pw.example.com/api/v1/reports/7?format=html&amp;x=1|Open the report>",
                blocks.getJsonObject(2).getJsonObject("text").getString("text"));
    }

    @Test
    void aLinkThatWouldBreakSlacksSyntaxIsShownAsText() {
        assertEquals("https://x.example/a|b&gt;", ChannelMessages.slackLink("https://x.example/a|b>", "Open"));
    }

    @Test
    void withoutALinkSlackGetsTheSummaryAlone() {
        Digest plain = new Digest("T", "S", null, "{}", null);
        JsonObject body = parse(ChannelMessages.slack(plain));
        assertEquals("S", body.getString("text"));
        assertEquals(2, body.getJsonArray("blocks").size());
    }

    @Test
    void theMailHasThePrefixedSubjectTheHtmlAndTheTextWithTheLink() {
        MailMessage mail = ChannelMessages.mail(DIGEST);
        assertEquals("[Promptwatch] Daily report summarize 2026-12-01", mail.subject());
        assertEquals("<html><body>report</body></html>", mail.html());
        assertEquals("Total Executions: 12\nSuccess Rate: 75.0 % <&>\n\nhttps://pw.example.com/api/v1/reports/7?format=html&x=1\n"
                + "\n-- \nSent by Promptwatch.\n", mail.text());
    }

    @Test
    void anAlertMailStaysPlainText() {
        assertNull(new MailMessage("s", "t").html());
        assertTrue(new MailMessage("s", "t", "<p>h</p>").html().contains("<p>"));
    }
}
