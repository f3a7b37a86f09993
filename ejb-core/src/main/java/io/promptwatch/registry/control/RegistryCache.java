package io.promptwatch.registry.control;

import io.promptwatch.cache.ExpiringCache;
import io.promptwatch.cache.StaleCaches;
import io.promptwatch.registry.entity.PromptSnapshot;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps prompt snapshots so that {@code active} and ingest do not read the registry tables on
 * every call. Registry changes on this server drop the entry at once; another server's, once the
 * cache generation they raised is seen here ({@link StaleCaches}, within
 * {@code promptwatch.cache.invalidation-poll-ms}); the time limit
 * ({@code promptwatch.registry.active-cache-seconds}) bounds it while the database cannot be read.
 */
@ApplicationScoped
public class RegistryCache {

    @Inject
    @ConfigProperty(name = "promptwatch.registry.active-cache-seconds")
    long ttlSeconds;

    private ExpiringCache<String, PromptSnapshot> snapshots;

    @PostConstruct
    void init() {
        snapshots = new ExpiringCache<>(Duration.ofSeconds(ttlSeconds));
    }

    /** The cached snapshot of {@code promptId}, loaded with {@code loader} when absent or stale. */
    public PromptSnapshot get(String promptId, Function<String, PromptSnapshot> loader) {
        return snapshots.get(promptId, loader);
    }

    public void invalidate(String promptId) {
        snapshots.invalidate(promptId);
    }

    void clear(@Observes StaleCaches stale) {
        snapshots.clear();
    }
}
