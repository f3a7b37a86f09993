package io.promptwatch.alerting.control;

import io.promptwatch.alerting.entity.Digest;
import io.promptwatch.alerting.entity.Notice;
import io.promptwatch.alerting.entity.NoticeKind;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Locale;

/**
 * The bodies each channel type sends for a {@link Notice}: the generic webhook's JSON, a
 * Slack-compatible incoming-webhook message and an e-mail (and for a {@link Digest}, whose webhook
 * body its sender wrote, the Slack message and the e-mail). All three are renderings of the same
 * notice, so whichever channel an operator reads, the facts and the one-line
 * {@link Notice#summary() summary} are the same.
 *
 * <p>The webhook body is a contract with receivers: its field names and {@code event} values
 * ({@link #event}) only ever gain members, and every notice field is present (JSON {@code null}
 * when unknown) so a receiver can rely on the shape.
 */
public final class ChannelMessages {

    /** Slack's limits: a header's plain text, a section field's text, a section's text. */
    static final int SLACK_HEADER_MAX = 150;
    static final int SLACK_FIELD_MAX = 2000;
    static final int SLACK_TEXT_MAX = 3000;

    private ChannelMessages() {
    }

    /**
     * The generic webhook body:
     * {@code {"event":"alert.firing","alert":{…every notice field…},"text":"<summary>"}}.
     */
    public static String webhook(Notice notice) {
        JsonObjectBuilder alert = Json.createObjectBuilder()
                .add("kind", notice.kind().name().toLowerCase(Locale.ROOT));
        text(alert, "alertId", notice.alertId());
        text(alert, "severity", notice.severity());
        text(alert, "ruleName", notice.ruleName());
        text(alert, "promptId", notice.promptId());
        text(alert, "version", notice.version());
        text(alert, "metric", notice.metric());
        number(alert, "value", notice.value());
        number(alert, "limit", notice.limit());
        text(alert, "comparison", notice.comparison());
        text(alert, "window", notice.window());
        alert.add("samples", notice.samples());
        alert.add("at", notice.at().toString());
        text(alert, "detail", notice.detail());
        return Json.createObjectBuilder()
                .add("event", event(notice.kind()))
                .add("alert", alert)
                .add("text", notice.summary())
                .build()
                .toString();
    }

    /**
     * A Slack incoming-webhook message: {@code text} (what notifications and old clients show) plus
     * {@code blocks}: a header, a section of fields (at most 10, each at most 2,000 characters) and,
     * when there is one, the detail as a section of its own. Text is escaped for Slack's mrkdwn
     * ({@code & < >}), since a rule name or a prompt id is user input.
     */
    public static String slack(Notice notice) {
        JsonArrayBuilder fields = Json.createArrayBuilder();
        fields.add(field("Severity", notice.severity()));
        if (notice.ruleName() != null) {
            fields.add(field("Rule", notice.ruleName()));
        }
        if (notice.target() != null) {
            fields.add(field("Prompt", notice.target()));
        }
        if (notice.condition() != null) {
            fields.add(field("Condition", notice.condition()));
        }
        if (notice.window() != null) {
            fields.add(field("Window", notice.samples() > 0
                    ? notice.window() + ", " + notice.samples() + " samples" : notice.window()));
        }
        if (notice.alertId() != null) {
            fields.add(field("Alert", notice.alertId()));
        }
        fields.add(field("At", notice.at().toString()));

        JsonArrayBuilder blocks = Json.createArrayBuilder()
                .add(Json.createObjectBuilder()
                        .add("type", "header")
                        .add("text", Json.createObjectBuilder()
                                .add("type", "plain_text")
                                .add("text", cut(title(notice), SLACK_HEADER_MAX))))
                .add(Json.createObjectBuilder()
                        .add("type", "section")
                        .add("fields", fields));
        if (notice.detail() != null && !notice.detail().isBlank()) {
            blocks.add(Json.createObjectBuilder()
                    .add("type", "section")
                    .add("text", mrkdwn(cut(escape(notice.detail().strip()), SLACK_TEXT_MAX))));
        }
        return Json.createObjectBuilder()
                .add("text", cut(escape(notice.summary()), SLACK_TEXT_MAX))
                .add("blocks", blocks)
                .build()
                .toString();
    }

    /** The e-mail: the title as subject (prefixed "[Promptwatch]"), the summary and every fact as text. */
    public static MailMessage mail(Notice notice) {
        StringBuilder text = new StringBuilder(notice.summary()).append("\n\n");
        line(text, "Kind", notice.kind().name().toLowerCase(Locale.ROOT));
        line(text, "Severity", notice.severity());
        line(text, "Alert", notice.alertId());
        line(text, "Rule", notice.ruleName());
        line(text, "Prompt", notice.promptId());
        line(text, "Version", notice.version());
        line(text, "Metric", notice.metric());
        line(text, "Value", notice.value() == null ? null : Notice.number(notice.value()));
        line(text, "Compared", notice.comparison());
        line(text, "Limit", notice.limit() == null ? null : Notice.number(notice.limit()));
        line(text, "Window", notice.window());
        line(text, "Samples", notice.samples() > 0 ? Long.toString(notice.samples()) : null);
        line(text, "At", notice.at().toString());
        line(text, "Detail", notice.detail());
        text.append("\n-- \nSent by Promptwatch alerting.\n");
        String subject = ("[Promptwatch] " + title(notice)).replaceAll("\\p{Cntrl}+", " ");
        return new MailMessage(subject, text.toString());
    }

    /**
     * A digest as a Slack incoming-webhook message: its summary as {@code text} followed by a link to
     * the whole ({@code <url|Open the report>}), and as {@code blocks} a header with its title, the
     * summary as a section and the link as a section of its own. The summary is escaped for mrkdwn;
     * the link is the sender's, not user input, but its {@code |} and {@code >} would end Slack's link
     * syntax, so a link holding them is shown as text.
     */
    public static String slack(Digest digest) {
        String summary = escape(digest.summary().strip());
        String link = digest.link() == null ? null : slackLink(digest.link(), "Open the report");
        String text = link == null ? summary : cut(summary, SLACK_TEXT_MAX - link.length() - 2) + "\n" + link;
        JsonArrayBuilder blocks = Json.createArrayBuilder()
                .add(Json.createObjectBuilder()
                        .add("type", "header")
                        .add("text", Json.createObjectBuilder()
                                .add("type", "plain_text")
                                .add("text", cut(digest.title(), SLACK_HEADER_MAX))))
                .add(Json.createObjectBuilder()
                        .add("type", "section")
                        .add("text", mrkdwn(cut(summary, SLACK_TEXT_MAX))));
        if (link != null) {
            blocks.add(Json.createObjectBuilder().add("type", "section").add("text", mrkdwn(link)));
        }
        return Json.createObjectBuilder()
                .add("text", cut(text, SLACK_TEXT_MAX))
                .add("blocks", blocks)
                .build()
                .toString();
    }

    /**
     * A digest as an e-mail: subject "[Promptwatch] " + its title, the summary and the link as the
     * plain-text part, and its HTML (when it has one) as the part a mail client shows.
     */
    public static MailMessage mail(Digest digest) {
        StringBuilder text = new StringBuilder(digest.summary().strip()).append("\n");
        if (digest.link() != null) {
            text.append("\n").append(digest.link()).append('\n');
        }
        text.append("\n-- \nSent by Promptwatch.\n");
        String subject = ("[Promptwatch] " + digest.title()).replaceAll("\\p{Cntrl}+", " ");
        return new MailMessage(subject, text.toString(), digest.html());
    }

    /** Slack's {@code <url|label>}; a URL that would break the syntax is written as escaped text instead. */
    static String slackLink(String url, String label) {
        if (url.indexOf('|') >= 0 || url.indexOf('>') >= 0 || url.indexOf('<') >= 0) {
            return escape(url);
        }
        return "<" + url.replace("&", "&amp;") + "|" + escape(label) + ">";
    }

    /** The webhook's {@code event}: {@code alert.firing}, {@code alert.resolved}, … and {@code channel.test}. */
    public static String event(NoticeKind kind) {
        return kind == NoticeKind.TEST ? "channel.test" : "alert." + kind.name().toLowerCase(Locale.ROOT);
    }

    /** A short headline: "Critical · Firing: High error rate on summarize 2.0.0". */
    static String title(Notice notice) {
        if (notice.kind() == NoticeKind.TEST) {
            return "Test message from Promptwatch";
        }
        String what = switch (notice.kind()) {
            case FIRING -> "Firing";
            case REPEAT -> "Still firing";
            case ESCALATION -> "Not acknowledged";
            case RESOLVED -> "Resolved";
            case ROLLBACK -> "Rolled back";
            case MANUAL_INTERVENTION -> "Manual intervention required";
            case TEST -> throw new AssertionError("handled above");
        };
        StringBuilder title = new StringBuilder(capitalised(notice.severity())).append(" · ").append(what);
        String subject = notice.ruleName() != null ? notice.ruleName() : notice.metric();
        if (subject != null) {
            title.append(": ").append(subject);
        }
        if (notice.target() != null) {
            title.append(" on ").append(notice.target());
        }
        return title.toString();
    }

    private static void text(JsonObjectBuilder object, String name, String value) {
        if (value == null) {
            object.addNull(name);
        } else {
            object.add(name, value);
        }
    }

    /** JSON has no NaN or infinity: such a value is written as null rather than failing the message. */
    private static void number(JsonObjectBuilder object, String name, Double value) {
        if (value == null || !Double.isFinite(value)) {
            object.addNull(name);
        } else {
            object.add(name, value.doubleValue());
        }
    }

    private static JsonObject field(String label, String value) {
        return mrkdwn(cut("*" + label + "*\n" + escape(value), SLACK_FIELD_MAX)).build();
    }

    private static JsonObjectBuilder mrkdwn(String text) {
        return Json.createObjectBuilder().add("type", "mrkdwn").add("text", text);
    }

    /** Slack's mrkdwn treats these three as control characters; everything else is literal. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * At most {@code max} characters, ending in "…" when shortened; never splits a surrogate pair
     * or an entity that {@link #escape} wrote.
     */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isLowSurrogate(text.charAt(end))) {
            end--;
        }
        int amp = text.lastIndexOf('&', end - 1);
        if (amp >= 0 && amp >= end - 4 && text.indexOf(';', amp) >= end) {
            end = amp;
        }
        return text.substring(0, end) + "…";
    }

    private static void line(StringBuilder text, String label, String value) {
        if (value != null && !value.isBlank()) {
            text.append(label).append(": ").append(value.strip()).append('\n');
        }
    }

    private static String capitalised(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
