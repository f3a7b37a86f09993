package io.promptwatch.registry.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps prompt snapshots so that {@code active} and ingest do not read the registry tables on
 * every call. Registry changes on this server drop the entry at once; the time limit bounds how
 * long another server's change can stay unseen.
 */
@ApplicationScoped
public class RegistryCache {

    private record Entry(PromptSnapshot snapshot, Instant expires) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    @Inject
    @ConfigProperty(name = "promptwatch.registry.active-cache-seconds")
    long ttlSeconds;

    /** The cached snapshot of {@code promptId}, loaded with {@code loader} when absent or stale. */
    public PromptSnapshot get(String promptId, Function<String, PromptSnapshot> loader) {
        Instant now = Instant.now();
        Entry entry = entries.get(promptId);
        if (entry == null || entry.expires().isBefore(now)) {
            PromptSnapshot snapshot = loader.apply(promptId);
            if (snapshot == null) {
                return null;
            }
            entry = new Entry(snapshot, now.plus(Duration.ofSeconds(ttlSeconds)));
            entries.put(promptId, entry);
        }
        return entry.snapshot();
    }

    public void invalidate(String promptId) {
        entries.remove(promptId);
    }
}
