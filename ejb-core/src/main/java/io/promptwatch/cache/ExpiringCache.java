package io.promptwatch.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A map whose entries are forgotten {@code ttl} after they were stored. Meant for small sets of
 * hot values (prompt snapshots, valid keys) read on every request; an absent value is not cached.
 */
public final class ExpiringCache<K, V> {

    private record Entry<V>(V value, Instant expires) {
    }

    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final Clock clock;

    public ExpiringCache(Duration ttl) {
        this(ttl, Clock.systemUTC());
    }

    ExpiringCache(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
    }

    public Optional<V> get(K key) {
        Entry<V> entry = entries.get(key);
        if (entry == null || !entry.expires().isAfter(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(entry.value());
    }

    /** The cached value, or the loader's (stored when not {@code null}). */
    public V get(K key, Function<K, V> loader) {
        return get(key).orElseGet(() -> {
            V value = loader.apply(key);
            if (value != null) {
                put(key, value);
            }
            return value;
        });
    }

    public void put(K key, V value) {
        entries.put(key, new Entry<>(value, clock.instant().plus(ttl)));
    }

    public void invalidate(K key) {
        entries.remove(key);
    }
}
