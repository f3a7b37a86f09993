package io.promptwatch.alerting.entity;

import java.util.Objects;

/**
 * A message that is not an alert (a report digest) as another component hands it to the channels:
 * each channel type takes the part written for it. The sender writes the content; alerting only
 * carries it, with the same signing, retries and timeouts as an alert's notices.
 *
 * @param title   one line: the e-mail's subject after "[Promptwatch] " and the Slack message's header
 * @param summary a few lines of plain text: Slack's {@code text} and the e-mail's plain-text part
 * @param link    where the whole of it can be read (Slack links to it, the e-mail names it); may be null
 * @param webhook the generic webhook's JSON body, sent as given (and signed when the channel has a secret)
 * @param html    the e-mail's HTML part; may be null for a plain-text e-mail
 */
public record Digest(String title, String summary, String link, String webhook, String html) {

    public Digest {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(webhook, "webhook");
    }
}
