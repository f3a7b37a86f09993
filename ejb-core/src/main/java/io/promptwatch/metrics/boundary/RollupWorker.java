package io.promptwatch.metrics.boundary;

import io.promptwatch.lease.Leases;
import io.promptwatch.metrics.control.Retention;
import io.promptwatch.metrics.control.RollupPace;
import io.promptwatch.metrics.control.RollupStore;
import io.promptwatch.metrics.entity.Window;
import io.promptwatch.persistence.StorableInstants;
import io.promptwatch.tracking.boundary.ExecutionIngest;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Keeps the rollups up with the stored records and purges expired buckets, on timers of this
 * server (non-persistent: after a restart the rollups continue from their stored position).
 * Ingest never waits for it and has precedence over it; the lag is exported as
 * {@code promptwatch.rollup.pending.records}.
 * <p>
 * With several servers on one database each has the timers, but a run goes ahead only on the server
 * holding the lease {@code rollups} ({@code promptwatch.metrics.rollup.lease}, renewed at each run):
 * one server rolls up at a time, the others take over once its lease has expired. A roll moves its
 * window's position only from where it read it ({@link RollupStore#roll}), so even two rolls that
 * overlap across a lease's hand-over never count a record twice.
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class RollupWorker {

    private static final Logger LOG = Logger.getLogger(RollupWorker.class.getName());
    private static final String PURGE = "purge";
    public static final String LEASE = "rollups";

    @Resource
    TimerService timers;

    @Inject
    RollupStore store;

    @Inject
    Retention retention;

    @Inject
    ExecutionIngest ingest;

    @Inject
    MetricRegistry metrics;

    @Inject
    Leases leases;

    @Inject
    @ConfigProperty(name = "promptwatch.metrics.rollup.lease")
    Duration leaseTerm;

    @Inject
    @ConfigProperty(name = "promptwatch.metrics.rollup.interval-ms")
    long intervalMs;

    @Inject
    @ConfigProperty(name = "promptwatch.metrics.rollup.max-run-ms")
    long maxRunMs;

    @Inject
    @ConfigProperty(name = "promptwatch.metrics.purge.interval")
    String purgeInterval;

    private final AtomicBoolean running = new AtomicBoolean();
    /** Touched by the running timer only. */
    private RollupPace pace;
    private volatile boolean stopping;

    @PostConstruct
    void start() {
        if (leaseTerm.compareTo(Duration.ofMillis(maxRunMs).plusMillis(intervalMs)) <= 0) {
            throw new IllegalStateException("promptwatch.metrics.rollup.lease (" + leaseTerm + ") must be longer than"
                    + " promptwatch.metrics.rollup.max-run-ms plus interval-ms: a run must end within the lease it took");
        }
        Config config = ConfigProvider.getConfig(RollupWorker.class.getClassLoader());
        pace = new RollupPace(key -> config.getValue(key, String.class));
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
        try {
            leases.release(LEASE); // another server need not wait out the term
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "the rollups' lease was not released; it expires by itself", e);
        }
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void onTimer(Timer timer) {
        if (stopping || !running.compareAndSet(false, true)) {
            return;
        }
        try {
            if (!leases.acquire(LEASE, leaseTerm)) {
                return; // another server rolls up
            }
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
     * Rolls up every window that is behind. While records are being written each window rolls up
     * one batch per busy interval at most ({@link RollupPace}): ingest goes first, the lag
     * (exported) is made up when it eases. Otherwise the windows take a batch each in turn until
     * all have caught up, the run's time is used, or ingest starts writing.
     */
    public void catchUp() {
        long newest = store.newestRecordId();
        Map<Window, Long> positions = store.positions();
        List<Window> behind = new ArrayList<>(Arrays.stream(Window.values()).filter(w -> positions.get(w) < newest).toList());
        if (ingest.busyWithin(intervalMs)) {
            for (Window window : behind) {
                if (!stopping && pace.takeBusyTurn(window, System.nanoTime())) {
                    store.roll(window, pace.batch(window), StorableInstants.now());
                }
            }
            return;
        }
        long deadline = System.nanoTime() + Duration.ofMillis(maxRunMs).toNanos();
        while (!behind.isEmpty() && !stopping && System.nanoTime() < deadline && !ingest.busyWithin(intervalMs)) {
            behind.removeIf(window -> store.roll(window, pace.batch(window), StorableInstants.now()) < pace.batch(window));
        }
    }

    void purge() {
        Instant now = StorableInstants.now();
        for (Window window : Window.values()) {
            int purged = store.purge(window, retention.horizon(window, now));
            if (purged > 0) {
                LOG.info(() -> "Purged " + purged + " expired " + window.label() + " buckets");
            }
        }
    }
}
