package io.promptwatch.alerting.boundary;

import io.promptwatch.alerting.control.Deliveries;
import io.promptwatch.alerting.entity.EvaluatorPulse;
import io.promptwatch.lease.Leases;
import io.promptwatch.persistence.StorableInstants;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Runs the evaluation every {@code promptwatch.alerting.evaluator.interval}. One evaluation at a
 * time in this server (a lock), and in a cluster on the server holding the lease
 * {@code alert-evaluator}. The notices an evaluation decides on go to the channels after it has
 * committed, so a receiver never hears of an alert the API cannot show yet.
 * <p>
 * {@link #evaluate(Instant)} is public so that a test evaluates at the instant it chooses (the
 * timer passes the wall clock); both wait for each other.
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AlertEvaluator {

    public static final String LEASE = "alert-evaluator";
    private static final Logger LOG = Logger.getLogger(AlertEvaluator.class.getName());

    @Resource
    TimerService timers;

    @Inject
    AlertBook book;

    @Inject
    Leases leases;

    @Inject
    Deliveries deliveries;

    @Inject
    AlertRules rules;

    @Inject
    MetricRegistry metrics;

    @Inject
    @ConfigProperty(name = "promptwatch.alerting.evaluator.enabled")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "promptwatch.alerting.evaluator.interval")
    Duration interval;

    @Inject
    @ConfigProperty(name = "promptwatch.alerting.evaluator.lease-intervals")
    int leaseIntervals;

    @Inject
    @ConfigProperty(name = "promptwatch.alerting.evaluator.stale-intervals")
    int staleIntervals;

    @Inject
    @ConfigProperty(name = "promptwatch.alerting.ship-default-rules")
    boolean shipDefaultRules;

    private final ReentrantLock running = new ReentrantLock();
    private volatile AlertBook.Run last;
    private volatile Instant lastFinishedAt;
    private volatile Instant lastDeferredAt;
    private volatile Instant startedAt;
    private volatile long lastMillis;
    private volatile boolean stopping;

    @PostConstruct
    void start() {
        startedAt = StorableInstants.now();
        // Two servers starting together on an empty database: the lease lets one of them add the rules.
        if (shipDefaultRules && leases.acquire("ship-default-rules", Duration.ofMinutes(1))) {
            rules.shipDefaults();
        }
        if (enabled) {
            timers.createIntervalTimer(interval.toMillis(), interval.toMillis(), new TimerConfig(LEASE, false));
        }
        metrics.gauge("promptwatch.alerting.evaluation.millis", () -> lastMillis);
    }

    @PreDestroy
    void stop() {
        stopping = true;
        timers.getTimers().forEach(Timer::cancel);
        try {
            leases.release(LEASE); // another server need not wait out the term
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "the evaluator's lease was not released; it expires by itself", e);
        }
    }

    @Timeout
    void onTimer(Timer timer) {
        if (stopping || !running.tryLock()) {
            return;
        }
        try {
            run(StorableInstants.now());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Alert evaluation failed; the next one starts afresh", e);
        } finally {
            running.unlock();
        }
    }

    /** Evaluates as of {@code now}, after any evaluation in progress; {@code null} when another server holds the lease. */
    public AlertBook.Run evaluate(Instant now) {
        running.lock();
        try {
            return run(now);
        } finally {
            running.unlock();
        }
    }

    private AlertBook.Run run(Instant now) {
        if (!leases.acquire(LEASE, interval.multipliedBy(leaseIntervals))) {
            lastDeferredAt = StorableInstants.now();
            return null;
        }
        long started = System.nanoTime();
        AlertBook.Run run = book.evaluate(now);
        run.dispatches().forEach(d -> deliveries.send(d.alertId(), d.channels(), d.notice()));
        lastMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        last = run;
        lastFinishedAt = StorableInstants.now();
        return run;
    }

    /** The last evaluation this server ran, {@code null} before the first. */
    public AlertBook.Run lastRun() {
        return last;
    }

    /** When this server last finished an evaluation (wall clock), {@code null} before the first. */
    public Instant lastFinishedAt() {
        return lastFinishedAt;
    }

    /** How long the last evaluation on this server took, in milliseconds (0 before the first). */
    public long lastMillis() {
        return lastMillis;
    }

    /** Whether the evaluator keeps its beat as of {@code now} (stale after {@code stale-intervals} intervals). */
    public EvaluatorPulse pulse(Instant now) {
        return EvaluatorPulse.of(enabled, startedAt, lastFinishedAt, lastDeferredAt, interval, staleIntervals, now);
    }

    public Duration interval() {
        return interval;
    }

    public boolean enabled() {
        return enabled;
    }
}
