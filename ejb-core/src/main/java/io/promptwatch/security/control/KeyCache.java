package io.promptwatch.security.control;

import io.promptwatch.cache.ExpiringCache;
import io.promptwatch.security.entity.KeyIdentity;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Remembers keys that were valid recently, by hash, so that authentication costs no query per
 * request and clients can still reach the ingest path (and its circuit breaker) while the
 * database is down. A revocation or rotation on this server drops the entry at once; an identity
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

    public void put(String hash, KeyIdentity identity) {
        identities.put(hash, identity);
    }

    public void invalidate(String hash) {
        identities.invalidate(hash);
    }
}
