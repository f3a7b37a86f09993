package io.promptwatch.security.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each key was last used on this server, kept in memory until the next flush writes it to the
 * key: a database write per request would cost ingest more than the authentication it records, and
 * authentication must go on from the cache while the database is down.
 */
@ApplicationScoped
public class KeyUsage {

    private final Map<String, Instant> pending = new ConcurrentHashMap<>();

    public void record(String keyId, Instant at) {
        pending.put(keyId, at);
    }

    /** The uses since the last drain, by key id; they are forgotten here. */
    public Map<String, Instant> drain() {
        Map<String, Instant> drained = new HashMap<>();
        for (String keyId : pending.keySet()) {
            Instant at = pending.remove(keyId);
            if (at != null) {
                drained.put(keyId, at);
            }
        }
        return drained;
    }

    /** Puts back uses whose write failed, unless a later use of the same key came in meanwhile. */
    public void restore(Map<String, Instant> uses) {
        uses.forEach((keyId, at) -> pending.merge(keyId, at, (newer, older) -> newer.isAfter(older) ? newer : older));
    }
}
