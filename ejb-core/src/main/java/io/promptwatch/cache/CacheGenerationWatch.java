package io.promptwatch.cache;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads the cache generation ({@link CacheGenerations}) every
 * {@code promptwatch.cache.invalidation-poll-ms} and fires {@link StaleCaches} when it moved, so a
 * change committed on any server sharing the database clears this server's caches within about one
 * poll. While the database cannot be read the caches are kept (authentication goes on from them, as
 * during an outage on a single server); the first read after it sees whether anything changed.
 *
 * <p>The polls run on the server's managed scheduled executor, not on an EJB timer: Payara's timer
 * service delivers an interval timer at most once a second ({@code minimum-delivery-interval-in-millis},
 * 1000 by default), which made a 250 ms poll a 1 s one (ClusterSafetyIT measured a revocation seen
 * after 1,001 ms).
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class CacheGenerationWatch {

    private static final Logger LOG = Logger.getLogger(CacheGenerationWatch.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @EJB
    CacheGenerations generations;

    @Inject
    Event<StaleCaches> stale;

    @Inject
    @ConfigProperty(name = "promptwatch.cache.invalidation-poll-ms")
    long pollMs;

    private final AtomicBoolean running = new AtomicBoolean();
    private ScheduledFuture<?> polling;
    /** The generation last seen; -1 before the first read. Written by the running poll only. */
    private volatile long seen = -1;
    private volatile boolean failing;

    @PostConstruct
    void start() {
        if (pollMs < 1) {
            throw new IllegalStateException("promptwatch.cache.invalidation-poll-ms must be at least 1; got " + pollMs);
        }
        polling = scheduler.scheduleWithFixedDelay(this::pollOnce, pollMs, pollMs, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (polling != null) {
            polling.cancel(false);
        }
    }

    /**
     * The generation this server's caches were last cleared for: a cache filled after this equals the
     * database's generation holds what was committed up to it. -1 before the first read (which clears
     * too, as a change may have committed between the caches' first loads and then).
     */
    public long seen() {
        return seen;
    }

    /** One poll; never throws, as an exception would end the executor's repetition. */
    void pollOnce() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            poll();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "A cache generation poll failed; the next one runs as planned", e);
        } finally {
            running.set(false);
        }
    }

    private void poll() {
        long generation;
        try {
            generation = generations.current();
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.log(Level.WARNING, "The cache generation cannot be read; caches are kept until it can", e);
                failing = true;
            }
            return;
        }
        if (failing) {
            LOG.info("The cache generation is read again");
            failing = false;
        }
        // The first read also clears: a change may have committed between the caches' first loads and now.
        if (generation != seen) {
            seen = generation;
            stale.fire(new StaleCaches(generation));
        }
    }
}
