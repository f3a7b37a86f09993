package io.promptwatch.alerting.control;

import java.time.Duration;
import java.util.Objects;

/**
 * How to reach the SMTP server that carries e-mail channels (settings, not per channel: a
 * deployment has one outgoing mail server; a channel only names its recipients).
 *
 * @param host           the SMTP server
 * @param port           its port (587 for submission with STARTTLS, 25 for a local relay)
 * @param username       null to send without authentication
 * @param password       the password for {@code username}; never printed by {@link #toString()}
 * @param starttls       upgrade to TLS with STARTTLS, and refuse to send when the server cannot:
 *                       a password and an alert never travel in plain text by accident
 * @param from           the sender address
 * @param connectTimeout how long to wait for the connection
 * @param timeout        how long one read or write on the connection may take
 */
public record MailSettings(String host, int port, String username, String password, boolean starttls,
        String from, Duration connectTimeout, Duration timeout) {

    public MailSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(timeout, "timeout");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    /** Whether to log in: a user name is set. */
    public boolean authenticates() {
        return username != null && !username.isBlank();
    }

    @Override
    public String toString() {
        return "MailSettings[host=" + host + ", port=" + port + ", username=" + username
                + ", password=" + (password == null ? "null" : "***") + ", starttls=" + starttls
                + ", from=" + from + ", connectTimeout=" + connectTimeout + ", timeout=" + timeout + "]";
    }
}
