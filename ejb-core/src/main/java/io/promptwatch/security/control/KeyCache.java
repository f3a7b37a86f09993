package io.promptwatch.security.control;

import io.promptwatch.security.boundary.KeyIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Remembers keys that were valid recently, by hash, so that authentication costs no query per
 * request and clients can still reach the ingest path (and its circuit breaker) while the
 * database is down. A revocation on this server drops the entry at once.
 */
@ApplicationScoped
public class KeyCache {

    private record Entry(KeyIdentity identity, Instant expires) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    @Inject
    @ConfigProperty(name = "promptwatch.security.key-cache-seconds")
    long ttlSeconds;

    public Optional<KeyIdentity> get(String hash) {
        Entry entry = entries.get(hash);
        if (entry == null || entry.expires().isBefore(Instant.now())) {
            return Optional.empty();
        }
        return Optional.of(entry.identity());
    }

    public void put(String hash, KeyIdentity identity) {
        entries.put(hash, new Entry(identity, Instant.now().plus(Duration.ofSeconds(ttlSeconds))));
    }

    public void invalidate(String hash) {
        entries.remove(hash);
    }
}
