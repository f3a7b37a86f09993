package io.promptwatch.security.boundary;

import io.promptwatch.security.control.KeyUsage;
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
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Writes the keys' last use every {@code promptwatch.security.last-used-flush-seconds} (and once
 * more at undeployment), one short transaction for all keys used since the last run. While the
 * database is down the uses stay in memory and are written once it is back; authentication does
 * not wait for any of it.
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class KeyUsageFlush {

    private static final Logger LOG = Logger.getLogger(KeyUsageFlush.class.getName());

    @Resource
    TimerService timers;

    @EJB
    ApiKeys keys;

    @Inject
    KeyUsage usage;

    @Inject
    @ConfigProperty(name = "promptwatch.security.last-used-flush-seconds")
    long intervalSeconds;

    private volatile boolean failing;

    @PostConstruct
    void start() {
        if (intervalSeconds < 1) {
            throw new IllegalStateException("promptwatch.security.last-used-flush-seconds must be at least 1; got "
                    + intervalSeconds);
        }
        long intervalMs = intervalSeconds * 1000;
        timers.createIntervalTimer(intervalMs, intervalMs, new TimerConfig(null, false));
    }

    @PreDestroy
    void stop() {
        timers.getTimers().forEach(Timer::cancel);
        flush();
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void onTimer() {
        flush();
    }

    private synchronized void flush() {
        Map<String, Instant> uses = usage.drain();
        if (uses.isEmpty()) {
            return;
        }
        try {
            keys.recordUse(uses);
            if (failing) {
                LOG.info("Key use is written again");
                failing = false;
            }
        } catch (RuntimeException e) {
            usage.restore(uses);
            if (!failing) {
                LOG.log(Level.WARNING, "Writing when keys were last used failed; kept in memory and retried", e);
                failing = true;
            }
        }
    }
}
