package io.promptwatch.alerting.control;

import io.promptwatch.alerting.entity.AlertChannel;
import io.promptwatch.alerting.entity.ChannelType;
import io.promptwatch.alerting.entity.DeliveryOutcome;
import io.promptwatch.alerting.entity.Digest;
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
 * on the managed scheduler with growing delays until the attempts run out. Report digests take the
 * same way ({@link #send(List, Digest)}), counted apart.
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
    private static final String ALERT_COUNTER = "promptwatch.alert.deliveries";
    private static final String DIGEST_COUNTER = "promptwatch.digest.deliveries";

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

    /**
     * What is being delivered: how it goes to a channel, what is kept of each attempt and the counter
     * its outcomes go to. An alert's notice and a report digest differ only in these.
     */
    private interface Parcel {
        DeliveryOutcome deliver(Target channel, int attempt);

        /** Keeps the attempt (an alert's notification history); may throw, which is logged. */
        void keep(Target channel, DeliveryOutcome outcome);

        /** For the log line of a delivery given up. */
        String describe();

        String counter();
    }

    /** Hands {@code notice} over for each channel; returns at once. {@code alertId} null: a test message, not kept. */
    public void send(String alertId, List<Target> channels, Notice notice) {
        Parcel parcel = new Parcel() {
            @Override
            public DeliveryOutcome deliver(Target channel, int attempt) {
                return Deliveries.this.deliver(channel, notice, attempt);
            }

            @Override
            public void keep(Target channel, DeliveryOutcome outcome) {
                if (alertId != null) {
                    log.record(alertId, channel, notice.kind().name().toLowerCase(), outcome);
                }
            }

            @Override
            public String describe() {
                return notice.kind() + " of alert " + alertId;
            }

            @Override
            public String counter() {
                return ALERT_COUNTER;
            }
        };
        for (Target channel : channels) {
            executor.execute(() -> attempt(parcel, channel, 1));
        }
    }

    /**
     * Hands {@code digest} over for each channel; returns at once. Attempts are retried like an
     * alert's, counted in {@code promptwatch.digest.deliveries{type,outcome}} and logged when given
     * up; no history is kept (a digest has no alert to keep it on).
     */
    public void send(List<Target> channels, Digest digest) {
        Parcel parcel = new Parcel() {
            @Override
            public DeliveryOutcome deliver(Target channel, int attempt) {
                return switch (channel.type()) {
                    case WEBHOOK -> http.post(channel.url(), digest.webhook(), channel.secret(), attempt);
                    case SLACK -> http.post(channel.url(), ChannelMessages.slack(digest), null, attempt);
                    case EMAIL -> mail.send(channel.to(), ChannelMessages.mail(digest), attempt);
                };
            }

            @Override
            public void keep(Target channel, DeliveryOutcome outcome) {
                if (!outcome.delivered()) {
                    LOG.info(() -> "digest '" + digest.title() + "' to channel '" + channel.name() + "', attempt "
                            + outcome.attempt() + ": " + outcome.detail());
                }
            }

            @Override
            public String describe() {
                return "digest '" + digest.title() + "'";
            }

            @Override
            public String counter() {
                return DIGEST_COUNTER;
            }
        };
        for (Target channel : channels) {
            executor.execute(() -> attempt(parcel, channel, 1));
        }
    }

    /** Sends now, once, on the caller's thread: the answer of {@code POST /channels/{id}/test}. */
    public DeliveryOutcome sendNow(Target channel, Notice notice) {
        DeliveryOutcome outcome = deliver(channel, notice, 1);
        count(ALERT_COUNTER, channel, outcome);
        return outcome;
    }

    private void attempt(Parcel parcel, Target channel, int attempt) {
        DeliveryOutcome outcome = safely(parcel, channel, attempt);
        count(parcel.counter(), channel, outcome);
        try {
            parcel.keep(channel, outcome);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not keep a delivery attempt of " + parcel.describe() + " to channel " + channel.id(), e);
        }
        if (!outcome.delivered() && backoff.hasAttemptAfter(attempt)) {
            scheduler.schedule(() -> executor.execute(() -> attempt(parcel, channel, attempt + 1)),
                    backoff.delayBefore(attempt + 1).toMillis(), TimeUnit.MILLISECONDS);
        } else if (!outcome.delivered()) {
            LOG.warning(() -> "gave up delivering " + parcel.describe() + " to channel '" + channel.name()
                    + "' after " + attempt + " attempts: " + outcome.detail());
        }
    }

    /** A delivery that throws (a bug, not a dead channel: those come back as outcomes) is a failed attempt too. */
    private static DeliveryOutcome safely(Parcel parcel, Target channel, int attempt) {
        try {
            return parcel.deliver(channel, attempt);
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

    private void count(String counter, Target channel, DeliveryOutcome outcome) {
        metrics.counter(counter, new Tag("type", channel.type().label()),
                new Tag("outcome", outcome.delivered() ? "delivered" : "failed")).inc();
    }
}
