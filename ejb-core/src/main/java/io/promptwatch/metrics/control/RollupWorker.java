package io.promptwatch.metrics.control;

import io.promptwatch.tracking.control.ExecutionWriter;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Keeps the rollups up with the stored records and purges expired buckets, on timers of this
 * server (non-persistent: after a restart the rollups continue from their stored position).
 * Ingest never waits for it and has precedence over it; the lag is exported as
 * {@code promptwatch.rollup.pending.records}.
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class RollupWorker {

    private static final Logger LOG = Logger.getLogger(RollupWorker.class.getName());
    private static final String PURGE = "purge";

    @Resource
    TimerService timers;

    @Inject
    RollupStore store;

    @Inject
    Retention retention;

    @Inject
    ExecutionWriter writer;

    @Inject
    MetricRegistry metrics;

    @Inject
    @ConfigProperty(name = "promptwatch.metrics.rollup.interval-ms")
    long intervalMs;

    @Inject
    @ConfigProperty(name = "promptwatch.metrics.rollup.batch-records")
    int batchRecords;

    @Inject
    @ConfigProperty(name = "promptwatch.metrics.rollup.busy-batch-records")
    int busyBatchRecords;

    @Inject
    @ConfigProperty(name = "promptwatch.metrics.rollup.busy-interval-ms")
    long busyIntervalMs;

    @Inject
    @ConfigProperty(name = "promptwatch.metrics.rollup.max-run-ms")
    long maxRunMs;

    @Inject
    @ConfigProperty(name = "promptwatch.metrics.purge.interval")
    String purgeInterval;

    private final AtomicBoolean running = new AtomicBoolean();
    /** When the last batch rolled up while ingest was writing began (touched by the running timer only). */
    private long lastBusyRollNanos = System.nanoTime() - TimeUnit.DAYS.toNanos(1);
    private volatile boolean stopping;

    @PostConstruct
    void start() {
        timers.createIntervalTimer(intervalMs, intervalMs, new TimerConfig(null, false));
        long purgeMs = Duration.parse(purgeInterval).toMillis();
        timers.createIntervalTimer(purgeMs, purgeMs, new TimerConfig(PURGE, false));
        metrics.gauge("promptwatch.rollup.pending.records", store::pending);
    }

    /**
     * Stops before the application goes: a rollup transaction cut off by an undeploy stays open
     * in the server (seen: the position row stayed locked for the next deployment). Waits for the
     * run in progress, whose transactions are short (one batch each).
     */
    @PreDestroy
    void stop() {
        stopping = true;
        timers.getTimers().forEach(Timer::cancel);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (running.get() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void onTimer(Timer timer) {
        if (stopping || !running.compareAndSet(false, true)) {
            return;
        }
        try {
            if (PURGE.equals(timer.getInfo())) {
                purge();
            } else {
                catchUp();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Rollup run failed; the next run retries from the stored position", e);
        } finally {
            running.set(false);
        }
    }

    /**
     * Rolls up batches until caught up or the run's time is used. While records are being written
     * it rolls up one batch of {@code promptwatch.metrics.rollup.busy-batch-records} every
     * {@code busy-interval-ms} only: ingest goes first, the lag (exported) is made up when it eases.
     */
    public void catchUp() {
        if (writer.busyWithin(intervalMs)) {
            long now = System.nanoTime();
            if (now - lastBusyRollNanos >= TimeUnit.MILLISECONDS.toNanos(busyIntervalMs)) {
                lastBusyRollNanos = now;
                store.roll(busyBatchRecords, Instant.now());
            }
            return;
        }
        long deadline = System.nanoTime() + Duration.ofMillis(maxRunMs).toNanos();
        while (!stopping && store.roll(batchRecords, Instant.now()) == batchRecords && System.nanoTime() < deadline
                && !writer.busyWithin(intervalMs)) {
            Thread.onSpinWait();
        }
    }

    void purge() {
        Instant now = Instant.now();
        for (Window window : Window.values()) {
            int purged = store.purge(window, retention.horizon(window, now));
            if (purged > 0) {
                LOG.info(() -> "Purged " + purged + " expired " + window.label() + " buckets");
            }
        }
    }
}
