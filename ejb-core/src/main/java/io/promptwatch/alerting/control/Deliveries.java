package io.promptwatch.alerting.control;

import io.promptwatch.alerting.entity.AlertChannel;
import io.promptwatch.alerting.entity.ChannelType;
import io.promptwatch.alerting.entity.DeliveryOutcome;
import io.promptwatch.alerting.entity.Notice;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Sends notices to channels off the caller's thread: the evaluator (and an API call) hands them
 * over and goes on, so a dead channel never slows evaluation or ingest. Each attempt is kept on the
 * alert and counted in {@code promptwatch.alert.deliveries{type,outcome}}; a failed one is retried
 * on the managed scheduler with growing delays until the attempts run out.
 */
@ApplicationScoped
public class Deliveries {

    /** What a delivery needs of a channel, read once when the notice is handed over. */
    public record Target(String id, String name, ChannelType type, String url, String secret, List<String> to) {
        public static Target of(AlertChannel channel) {
            return new Target(channel.id(), channel.name(), channel.type(), channel.url(), channel.secret(), channel.recipients());
        }
    }

    private static final Logger LOG = Logger.getLogger(Deliveries.class.getName());

    /** Waits out the delays between attempts only; the attempts themselves run on {@link #executor}. */
    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource
    ManagedExecutorService executor;

    @Inject
    DeliveryLog log;

    @Inject
    MetricRegistry metrics;

    @Inject
    @ConfigProperty(name = "promptwatch.alerting.delivery.attempts")
    int attempts;
    @Inject
    @ConfigProperty(name = "promptwatch.alerting.delivery.first-delay")
    Duration firstDelay;
    @Inject
    @ConfigProperty(name = "promptwatch.alerting.delivery.factor")
    double factor;
    @Inject
    @ConfigProperty(name = "promptwatch.alerting.delivery.max-delay")
    Duration maxDelay;
    @Inject
    @ConfigProperty(name = "promptwatch.alerting.delivery.connect-timeout")
    Duration connectTimeout;
    @Inject
    @ConfigProperty(name = "promptwatch.alerting.delivery.timeout")
    Duration timeout;
    @Inject
    @ConfigProperty(name = "promptwatch.alerting.mail.host")
    String mailHost;
    @Inject
    @ConfigProperty(name = "promptwatch.alerting.mail.port")
    int mailPort;
    @Inject
    @ConfigProperty(name = "promptwatch.alerting.mail.username")
    Optional<String> mailUser;
    @Inject
    @ConfigProperty(name = "promptwatch.alerting.mail.password")
    Optional<String> mailPassword;
    @Inject
    @ConfigProperty(name = "promptwatch.alerting.mail.starttls")
    boolean mailStarttls;
    @Inject
    @ConfigProperty(name = "promptwatch.alerting.mail.from")
    String mailFrom;
    @Inject
    @ConfigProperty(name = "promptwatch.alerting.mail.connect-timeout")
    Duration mailConnectTimeout;
    @Inject
    @ConfigProperty(name = "promptwatch.alerting.mail.timeout")
    Duration mailTimeout;

    private Backoff backoff;
    private HttpDelivery http;
    private MailDelivery mail;

    @PostConstruct
    void start() {
        backoff = new Backoff(attempts, firstDelay, factor, maxDelay);
        // The HTTP client's own threads: given a container pool that also runs the attempt waiting for
        // the answer, a pool of one thread (Payara's default scheduler) deadlocked until undeploy.
        http = new HttpDelivery(connectTimeout, timeout, null, Clock.systemUTC());
        mail = new MailDelivery(new MailSettings(mailHost, mailPort, mailUser.orElse(null), mailPassword.orElse(null),
                mailStarttls, mailFrom, mailConnectTimeout, mailTimeout), Clock.systemUTC());
    }

    /** Hands {@code notice} over for each channel; returns at once. {@code alertId} null: a test message, not kept. */
    public void send(String alertId, List<Target> channels, Notice notice) {
        for (Target channel : channels) {
            executor.execute(() -> attempt(alertId, channel, notice, 1));
        }
    }

    /** Sends now, once, on the caller's thread: the answer of {@code POST /channels/{id}/test}. */
    public DeliveryOutcome sendNow(Target channel, Notice notice) {
        DeliveryOutcome outcome = deliver(channel, notice, 1);
        count(channel, outcome);
        return outcome;
    }

    private void attempt(String alertId, Target channel, Notice notice, int attempt) {
        DeliveryOutcome outcome = safely(channel, notice, attempt);
        count(channel, outcome);
        try {
            if (alertId != null) {
                log.record(alertId, channel, notice.kind().name().toLowerCase(), outcome);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not keep a delivery attempt of alert " + alertId + " to channel " + channel.id(), e);
        }
        if (!outcome.delivered() && backoff.hasAttemptAfter(attempt)) {
            scheduler.schedule(() -> executor.execute(() -> attempt(alertId, channel, notice, attempt + 1)),
                    backoff.delayBefore(attempt + 1).toMillis(), TimeUnit.MILLISECONDS);
        } else if (!outcome.delivered()) {
            LOG.warning(() -> "gave up delivering " + notice.kind() + " of alert " + alertId + " to channel '" + channel.name()
                    + "' after " + attempt + " attempts: " + outcome.detail());
        }
    }


    /** A delivery that throws (a bug, not a dead channel: those come back as outcomes) is a failed attempt too. */
    private DeliveryOutcome safely(Target channel, Notice notice, int attempt) {
        try {
            return deliver(channel, notice, attempt);
        } catch (RuntimeException e) {
            return DeliveryOutcome.failed(null, e.getClass().getSimpleName(), attempt, Clock.systemUTC().instant());
        }
    }

    private DeliveryOutcome deliver(Target channel, Notice notice, int attempt) {
        return switch (channel.type()) {
            case WEBHOOK -> http.post(channel.url(), ChannelMessages.webhook(notice), channel.secret(), attempt);
            case SLACK -> http.post(channel.url(), ChannelMessages.slack(notice), null, attempt);
            case EMAIL -> mail.send(channel.to(), ChannelMessages.mail(notice), attempt);
        };
    }

    private void count(Target channel, DeliveryOutcome outcome) {
        metrics.counter("promptwatch.alert.deliveries", new Tag("type", channel.type().label()),
                new Tag("outcome", outcome.delivered() ? "delivered" : "failed")).inc();
    }
}
