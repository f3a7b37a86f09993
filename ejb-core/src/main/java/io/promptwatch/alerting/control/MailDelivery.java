package io.promptwatch.alerting.control;

import io.promptwatch.alerting.entity.DeliveryOutcome;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Sends an e-mail channel's message through SMTP and says what happened as a
 * {@link DeliveryOutcome}, like {@link HttpDelivery}: refused, timed out, authentication failed or a
 * recipient rejected are outcomes, never exceptions, so the caller records and retries them.
 *
 * <p>The {@link Session} is built here from {@link MailSettings} rather than looked up as a server
 * resource, so the mail server is one more MicroProfile Config setting with the others and a test
 * can point it at an embedded server. It is a private session ({@link Session#getInstance}), never
 * the JVM-wide default one another application may have configured.
 */
public final class MailDelivery {

    private final MailSettings settings;
    private final Session session;
    private final Clock clock;

    public MailDelivery(MailSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.session = Session.getInstance(properties(settings));
    }

    /** The Jakarta Mail properties for {@code settings} (the {@code mail.smtp.*} names of Angus Mail). */
    static Properties properties(MailSettings settings) {
        Properties properties = new Properties();
        properties.setProperty("mail.transport.protocol", "smtp");
        properties.setProperty("mail.smtp.host", settings.host());
        properties.setProperty("mail.smtp.port", Integer.toString(settings.port()));
        properties.setProperty("mail.smtp.auth", Boolean.toString(settings.authenticates()));
        properties.setProperty("mail.smtp.starttls.enable", Boolean.toString(settings.starttls()));
        properties.setProperty("mail.smtp.starttls.required", Boolean.toString(settings.starttls()));
        properties.setProperty("mail.smtp.connectiontimeout", Long.toString(settings.connectTimeout().toMillis()));
        properties.setProperty("mail.smtp.timeout", Long.toString(settings.timeout().toMillis()));
        properties.setProperty("mail.smtp.writetimeout", Long.toString(settings.timeout().toMillis()));
        properties.setProperty("mail.smtp.from", settings.from());
        return properties;
    }

    /**
     * Sends {@code message} to every address in {@code to} in one SMTP transaction.
     *
     * @param attempt the attempt number to record, 1 for the first
     */
    public DeliveryOutcome send(List<String> to, MailMessage message, int attempt) {
        try {
            InternetAddress[] recipients = new InternetAddress[to.size()];
            for (int i = 0; i < recipients.length; i++) {
                recipients[i] = new InternetAddress(to.get(i), true);
            }
            if (recipients.length == 0) {
                return DeliveryOutcome.failed(null, "no recipients", attempt, clock.instant());
            }
            MimeMessage mail = new MimeMessage(session);
            mail.setFrom(new InternetAddress(settings.from(), true));
            mail.setRecipients(Message.RecipientType.TO, recipients);
            mail.setSubject(message.subject(), StandardCharsets.UTF_8.name());
            if (message.html() == null) {
                mail.setText(message.text(), StandardCharsets.UTF_8.name());
            } else {
                // multipart/alternative: the last part is the preferred one, so the HTML comes last.
                MimeBodyPart text = new MimeBodyPart();
                text.setText(message.text(), StandardCharsets.UTF_8.name());
                MimeBodyPart html = new MimeBodyPart();
                html.setText(message.html(), StandardCharsets.UTF_8.name(), "html");
                mail.setContent(new MimeMultipart("alternative", text, html));
            }
            mail.setSentDate(Date.from(clock.instant()));
            if (settings.authenticates()) {
                Transport.send(mail, settings.username(), settings.password());
            } else {
                Transport.send(mail);
            }
            String detail = "sent to " + recipients.length + (recipients.length == 1 ? " recipient" : " recipients");
            return DeliveryOutcome.delivered(null, detail, attempt, clock.instant());
        } catch (AddressException e) {
            return DeliveryOutcome.failed(null, "invalid address: " + e.getRef(), attempt, clock.instant());
        } catch (MessagingException e) {
            return DeliveryOutcome.failed(null, why(e), attempt, clock.instant());
        }
    }

    /** A few words for why the server did not take the message. */
    static String why(MessagingException failure) {
        if (failure instanceof AuthenticationFailedException) {
            return "authentication failed";
        }
        if (failure instanceof SendFailedException rejected && rejected.getInvalidAddresses() != null
                && rejected.getInvalidAddresses().length > 0) {
            return "rejected recipients: " + Arrays.stream(rejected.getInvalidAddresses())
                    .map(Address::toString).collect(Collectors.joining(", "));
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return "connection refused";
            }
            if (cause instanceof SocketTimeoutException) {
                return "timed out";
            }
            if (cause instanceof UnknownHostException) {
                return "unknown host";
            }
        }
        String message = failure.getMessage();
        return message == null ? failure.getClass().getSimpleName() : message.strip();
    }
}
