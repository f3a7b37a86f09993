package io.promptwatch.experiments.boundary;

import io.promptwatch.cache.ExpiringCache;
import io.promptwatch.cache.StaleCaches;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The running experiment of each prompt (or none), so that {@code resolve}, called on every
 * request of a client, reads no table. Creating or stopping an experiment drops the entry, on
 * another server once the cache generation it raised is seen ({@link StaleCaches}).
 */
@ApplicationScoped
public class ExperimentCache {

    @Inject
    @ConfigProperty(name = "promptwatch.registry.active-cache-seconds")
    long ttlSeconds;

    private ExpiringCache<String, Optional<Experiments.Running>> running;

    @PostConstruct
    void init() {
        running = new ExpiringCache<>(Duration.ofSeconds(ttlSeconds));
    }

    Optional<Experiments.Running> get(String promptId, Function<String, Optional<Experiments.Running>> loader) {
        return running.get(promptId, loader);
    }

    void invalidate(String promptId) {
        running.invalidate(promptId);
    }

    void clear(@Observes StaleCaches stale) {
        running.clear();
    }
}
