package io.promptwatch.alerting.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.promptwatch.alerting.entity.DeliveryOutcome;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Against GreenMail, a real SMTP server embedded in the test, on a free port. */
class MailDeliveryTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:15:30Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("alerts", "s3cret"));

    private static MailSettings settings(String username, String password, boolean starttls) {
        return new MailSettings("127.0.0.1", SMTP.getSmtp().getPort(), username, password, starttls,
                "promptwatch@example.org", TIMEOUT, TIMEOUT);
    }

    @Test
    void theMessageArrivesWithSubjectRecipientsAndBody() throws Exception {
        MailMessage message = new MailMessage("[Promptwatch] Critical · Firing: High error rate",
                "[critical] error_rate 0.100 > 0.050 over 5m\n\nRolled back 2.0.0 → 1.0.0\n");
        MailDelivery delivery = new MailDelivery(settings("alerts", "s3cret", false), CLOCK);

        DeliveryOutcome outcome = delivery.send(List.of("oncall@example.org", "lead@example.net"), message, 1);

        assertTrue(outcome.delivered(), outcome.toString());
        assertNull(outcome.httpStatus());
        assertEquals("sent to 2 recipients", outcome.detail());
        assertEquals(NOW, outcome.at());
        assertTrue(SMTP.waitForIncomingEmail(5_000, 2));
        MimeMessage received = SMTP.getReceivedMessages()[0];
        assertEquals(message.subject(), received.getSubject(), "non-ASCII subject survives the encoding");
        assertEquals(List.of(new InternetAddress("oncall@example.org"), new InternetAddress("lead@example.net")),
                Arrays.asList(received.getRecipients(Message.RecipientType.TO)));
        assertEquals(new InternetAddress("promptwatch@example.org"), received.getFrom()[0]);
        assertEquals(message.text().strip(), ((String) received.getContent()).strip().replace("\r\n", "\n"));
        assertEquals(NOW, received.getSentDate().toInstant());
        assertEquals(2, SMTP.getReceivedMessages().length, "one copy per recipient's mailbox");
        assertTrue(GreenMailUtil.getHeaders(received).contains("text/plain"));
    }

    @Test
    void aDigestArrivesAsTextAndHtmlAlternatives() throws Exception {
        MailMessage message = new MailMessage("[Promptwatch] Daily report summarize 2026-12-01", "Total Executions: 12\n",
                "<!DOCTYPE html><html><body><h1>Prompt Performance Report</h1></body></html>");
        DeliveryOutcome outcome = new MailDelivery(settings("alerts", "s3cret", false), CLOCK)
                .send(List.of("digest@example.org"), message, 1);

        assertTrue(outcome.delivered(), outcome.toString());
        assertTrue(SMTP.waitForIncomingEmail(5_000, 1));
        MimeMessage received = SMTP.getReceivedMessages()[0];
        assertEquals(message.subject(), received.getSubject());
        jakarta.mail.internet.MimeMultipart parts = (jakarta.mail.internet.MimeMultipart) received.getContent();
        assertTrue(parts.getContentType().startsWith("multipart/alternative"), parts.getContentType());
        assertEquals(2, parts.getCount());
        assertTrue(parts.getBodyPart(0).isMimeType("text/plain"));
        assertEquals("Total Executions: 12", ((String) parts.getBodyPart(0).getContent()).strip());
        assertTrue(parts.getBodyPart(1).isMimeType("text/html"), "the HTML is the last, preferred, alternative");
        assertEquals(message.html(), ((String) parts.getBodyPart(1).getContent()).strip());
    }

    @Test
    void aWrongPasswordIsAnOutcome() {
        DeliveryOutcome outcome = new MailDelivery(settings("alerts", "wrong", false), CLOCK)
                .send(List.of("oncall@example.org"), new MailMessage("s", "t"), 1);
        assertFalse(outcome.delivered());
        assertEquals("authentication failed", outcome.detail());
    }

    @Test
    void starttlsIsRequiredWhenAskedFor() {
        // GreenMail's plain SMTP offers no STARTTLS: the message must not go out in plain text.
        DeliveryOutcome outcome = new MailDelivery(settings("alerts", "s3cret", true), CLOCK)
                .send(List.of("oncall@example.org"), new MailMessage("s", "t"), 1);
        assertFalse(outcome.delivered());
        assertTrue(outcome.detail().contains("STARTTLS"), outcome.detail());
        assertEquals(0, SMTP.getReceivedMessages().length);
    }

    @Test
    void aServerThatIsNotThereIsRefused() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        MailSettings nowhere = new MailSettings("127.0.0.1", closed, null, null, false, "promptwatch@example.org",
                TIMEOUT, TIMEOUT);
        DeliveryOutcome outcome = new MailDelivery(nowhere, CLOCK).send(List.of("oncall@example.org"),
                new MailMessage("s", "t"), 2);
        assertFalse(outcome.delivered());
        assertEquals("connection refused", outcome.detail());
        assertEquals(2, outcome.attempt());
    }

    @Test
    void aMalformedAddressIsAnOutcome() {
        DeliveryOutcome outcome = new MailDelivery(settings(null, null, false), CLOCK)
                .send(List.of("not an address"), new MailMessage("s", "t"), 1);
        assertFalse(outcome.delivered());
        assertTrue(outcome.detail().startsWith("invalid address"), outcome.detail());
        assertEquals("no recipients", new MailDelivery(settings(null, null, false), CLOCK)
                .send(List.of(), new MailMessage("s", "t"), 1).detail());
    }

    @Test
    void thePasswordIsNeverPrinted() {
        assertFalse(settings("alerts", "s3cret", false).toString().contains("s3cret"));
    }
}
