package io.promptwatch.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A map whose entries are forgotten {@code ttl} after they were stored. Meant for small sets of
 * hot values (prompt snapshots, valid keys) read on every request; an absent value is not cached.
 * <p>
 * {@link #clear} also disowns the loads under way: each entry carries the clear count (epoch) that
 * was current when its load began, and only entries of the current epoch are served. A load that
 * read the database before another server's change committed, and stores its value just after the
 * clear that change caused, would otherwise serve the old value for a whole {@code ttl}.
 */
public final class ExpiringCache<K, V> {

    private record Entry<V>(V value, Instant expires, long epoch) {
    }

    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final AtomicLong epoch = new AtomicLong();
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
        if (entry == null || entry.epoch() != epoch.get() || !entry.expires().isAfter(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(entry.value());
    }

    /** The cached value, or the loader's (stored when not {@code null}). */
    public V get(K key, Function<K, V> loader) {
        return get(key).orElseGet(() -> load(key, loader));
    }

    /**
     * The loader's value, stored when not {@code null}, whatever is cached: for a caller that found the
     * cached value unfit. Stored as of the epoch when the load began, so a {@link #clear} meanwhile
     * leaves it unseen.
     */
    public V load(K key, Function<K, V> loader) {
        long started = epoch.get();
        V value = loader.apply(key);
        if (value != null) {
            entries.put(key, new Entry<>(value, clock.instant().plus(ttl), started));
        }
        return value;
    }

    public void put(K key, V value) {
        entries.put(key, new Entry<>(value, clock.instant().plus(ttl), epoch.get()));
    }

    public void invalidate(K key) {
        entries.remove(key);
    }

    /** Forgets every entry, and every value of a load that began before (see the class comment). */
    public void clear() {
        epoch.incrementAndGet();
        entries.clear();
    }
}
