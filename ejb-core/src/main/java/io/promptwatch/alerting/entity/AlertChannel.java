package io.promptwatch.alerting.entity;

import io.promptwatch.problem.ProblemException;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A place notifications go. A webhook or Slack channel has an http(s) URL (a webhook may have a
 * signing secret); an e-mail channel has its recipients. The secret is kept as given, because
 * signing needs it, and no answer of the API carries it.
 */
@Entity
@Table(name = "alert_channel")
@NamedQuery(name = AlertChannel.ALL, query = "SELECT c FROM AlertChannel c ORDER BY c.name")
public class AlertChannel {

    public static final String ALL = "AlertChannel.all";
    static final int MAX_NAME = 200;
    static final int MAX_URL = 2000;
    static final int MAX_SECRET = 500;
    static final int MAX_RECIPIENTS = 2000;
    /** Enough to tell a typo from an address; the mail server has the last word. */
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s,]+@[^@\\s,]+");

    @Id
    private String id;
    private String name;
    @Enumerated(EnumType.STRING)
    private ChannelType type;
    private String url;
    private String secret;
    @Convert(converter = CommaList.class)
    private List<String> recipients;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "created_by")
    private String createdBy;

    protected AlertChannel() {
    }

    public AlertChannel(String name, ChannelType type, String url, String secret, List<String> recipients,
                        String createdBy, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.createdAt = now;
        this.createdBy = createdBy;
        replace(name, type, url, secret, recipients);
    }

    /** Changes everything but the id; a {@code null} secret on a webhook keeps the one it has. */
    public void replace(String name, ChannelType type, String url, String secret, List<String> recipients) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME) {
            throw ProblemException.invalid("name", "is required, at most " + MAX_NAME + " characters");
        }
        if (type == null) {
            throw ProblemException.invalid("type", "is required: webhook, slack or email");
        }
        if (type == ChannelType.EMAIL) {
            if (recipients == null || recipients.isEmpty()) {
                throw ProblemException.invalid("to", "an e-mail channel needs at least one address");
            }
            for (String address : recipients) {
                if (address == null || !ADDRESS.matcher(address).matches()) {
                    throw ProblemException.invalid("to", "'" + address + "' is not an e-mail address");
                }
            }
            if (String.join(",", recipients).length() > MAX_RECIPIENTS) {
                throw ProblemException.invalid("to", "at most " + MAX_RECIPIENTS + " characters of addresses");
            }
            this.url = null;
            this.secret = null;
            this.recipients = List.copyOf(recipients);
        } else {
            this.url = checkedUrl(url);
            if (secret != null && (secret.isEmpty() || secret.length() > MAX_SECRET)) {
                throw ProblemException.invalid("secret", "1 to " + MAX_SECRET + " characters");
            }
            if (type == ChannelType.SLACK && secret != null) {
                throw ProblemException.invalid("secret", "a Slack incoming webhook is not signed: its URL is the secret");
            }
            if (type == ChannelType.WEBHOOK && secret != null || this.type != type) {
                this.secret = secret;
            }
            this.recipients = List.of();
        }
        this.name = name;
        this.type = type;
    }

    private static String checkedUrl(String url) {
        if (url == null || url.isBlank()) {
            throw ProblemException.invalid("url", "is required for a webhook or Slack channel");
        }
        if (url.length() > MAX_URL) {
            throw ProblemException.invalid("url", "at most " + MAX_URL + " characters");
        }
        try {
            URI uri = new URI(url);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw ProblemException.invalid("url", "must be an absolute http or https URL");
            }
        } catch (java.net.URISyntaxException e) {
            throw ProblemException.invalid("url", "is not a URL: " + e.getReason());
        }
        return url;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public ChannelType type() {
        return type;
    }

    public String url() {
        return url;
    }

    /** For signing only; never for an answer or a log line. */
    public String secret() {
        return secret;
    }

    public boolean signed() {
        return secret != null;
    }

    public List<String> recipients() {
        return recipients;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String createdBy() {
        return createdBy;
    }
}
