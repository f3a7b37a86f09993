package io.promptwatch.security.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptwatch.cache.StaleCaches;
import io.promptwatch.security.entity.KeyIdentity;
import io.promptwatch.security.entity.Role;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A cached identity is never served past its expiry or grace, however fresh the entry. */
class KeyCacheTest {

    @Test
    void anIdentityPastItsValidityIsNotServed() {
        KeyCache cache = new KeyCache();
        cache.ttlSeconds = 300;
        cache.init();
        Instant now = Instant.now();
        KeyIdentity expiring = new KeyIdentity("id", "app", Set.of(Role.VIEWER), now.plusSeconds(2), Map.of());
        assertEquals(Optional.of(expiring), cache.get("hash", now, h -> expiring));
        assertEquals(Optional.of(expiring), cache.get("hash", now.plusSeconds(1)));
        assertTrue(cache.get("hash", now.plusSeconds(2)).isEmpty());
        assertTrue(cache.get("hash", now.plusSeconds(2), h -> expiring).isEmpty(), "nor when loaded again");
    }

    @Test
    void staleCachesForgetEveryIdentity() {
        KeyCache cache = new KeyCache();
        cache.ttlSeconds = 300;
        cache.init();
        Instant now = Instant.now();
        KeyIdentity identity = new KeyIdentity("id", "app", Set.of(Role.VIEWER), null, Map.of());
        cache.get("hash", now, h -> identity);
        cache.clear(new StaleCaches(1));
        assertTrue(cache.get("hash", now).isEmpty());
        assertTrue(cache.get("hash", now, h -> null).isEmpty(), "a key revoked elsewhere loads as none");
    }
}
