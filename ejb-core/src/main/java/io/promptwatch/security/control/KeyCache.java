package io.promptwatch.security.control;

import io.promptwatch.cache.ExpiringCache;
import io.promptwatch.cache.StaleCaches;
import io.promptwatch.security.entity.KeyIdentity;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Remembers keys that were valid recently, by hash, so that authentication costs no query per
 * request and clients can still reach the ingest path (and its circuit breaker) while the
 * database is down. A revocation or rotation on this server drops the entry at once, on another
 * server sharing the database once the cache generation moved ({@link StaleCaches}); an identity
 * past its expiry or grace period is never served, whatever the entry's age.
 */
@ApplicationScoped
public class KeyCache {

    @Inject
    @ConfigProperty(name = "promptwatch.security.key-cache-seconds")
    long ttlSeconds;

    private ExpiringCache<String, KeyIdentity> identities;

    @PostConstruct
    void init() {
        identities = new ExpiringCache<>(Duration.ofSeconds(ttlSeconds));
    }

    public Optional<KeyIdentity> get(String hash, Instant now) {
        return identities.get(hash).filter(identity -> identity.validAt(now));
    }

    /**
     * The identity cached for {@code hash} if valid at {@code now}, else the loader's (cached when
     * there is one; a load under way when the caches are cleared is not kept).
     */
    public Optional<KeyIdentity> get(String hash, Instant now, Function<String, KeyIdentity> loader) {
        return get(hash, now).or(() -> Optional.ofNullable(identities.load(hash, loader)).filter(i -> i.validAt(now)));
    }

    public void invalidate(String hash) {
        identities.invalidate(hash);
    }

    void clear(@Observes StaleCaches stale) {
        identities.clear();
    }
}
