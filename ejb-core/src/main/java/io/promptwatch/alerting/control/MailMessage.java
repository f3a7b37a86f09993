package io.promptwatch.alerting.control;

import java.util.Objects;

/**
 * An e-mail as {@link ChannelMessages} writes it and {@link MailDelivery} sends it: one subject
 * line and a plain-text body (plain text reads the same in every client and in a pager's SMS
 * gateway, and carries nothing that can be spoofed as a link). A report digest adds an HTML part
 * ({@code html}, null for an alert): the report as the reports API serves it, with the plain text
 * beside it for clients that show no HTML.
 */
public record MailMessage(String subject, String text, String html) {

    /** A plain-text e-mail: what every alert notice is. */
    public MailMessage(String subject, String text) {
        this(subject, text, null);
    }

    public MailMessage {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        if (subject.chars().anyMatch(c -> c == '\r' || c == '\n')) {
            throw new IllegalArgumentException("a subject is one line");
        }
    }
}
