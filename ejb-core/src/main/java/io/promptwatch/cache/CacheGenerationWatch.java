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
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
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
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class CacheGenerationWatch {

    private static final Logger LOG = Logger.getLogger(CacheGenerationWatch.class.getName());

    @Resource
    TimerService timers;

    @EJB
    CacheGenerations generations;

    @Inject
    Event<StaleCaches> stale;

    @Inject
    @ConfigProperty(name = "promptwatch.cache.invalidation-poll-ms")
    long pollMs;

    private final AtomicBoolean running = new AtomicBoolean();
    /** The generation last seen; -1 before the first read. Touched by the running timer only. */
    private long seen = -1;
    private volatile boolean failing;

    @PostConstruct
    void start() {
        if (pollMs < 1) {
            throw new IllegalStateException("promptwatch.cache.invalidation-poll-ms must be at least 1; got " + pollMs);
        }
        timers.createIntervalTimer(pollMs, pollMs, new TimerConfig(null, false));
    }

    @PreDestroy
    void stop() {
        timers.getTimers().forEach(Timer::cancel);
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void onTimer() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            poll();
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
