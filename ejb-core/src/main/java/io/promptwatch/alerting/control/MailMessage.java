package io.promptwatch.alerting.control;

import java.util.Objects;

/**
 * An e-mail as {@link ChannelMessages} writes it and {@link MailDelivery} sends it: one subject
 * line and a plain-text body (plain text reads the same in every client and in a pager's SMS
 * gateway, and carries nothing that can be spoofed as a link).
 */
public record MailMessage(String subject, String text) {

    public MailMessage {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        if (subject.chars().anyMatch(c -> c == '\r' || c == '\n')) {
            throw new IllegalArgumentException("a subject is one line");
        }
    }
}
