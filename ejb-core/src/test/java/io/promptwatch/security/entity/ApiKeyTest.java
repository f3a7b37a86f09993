package io.promptwatch.security.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which secret a key accepts when: expiry, revocation and the rotation's grace window. */
class ApiKeyTest {

    private static final String FIRST = "a".repeat(64);
    private static final String SECOND = "b".repeat(64);
    private static final String THIRD = "c".repeat(64);

    private static ApiKey key(Instant expiresAt) {
        return new ApiKey("app", FIRST, Set.of(Role.OPERATOR), "test", expiresAt, Map.of());
    }

    @Test
    void aKeyWithoutExpiryIsAcceptedUntilRevoked() {
        ApiKey key = key(null);
        Instant later = Instant.now().plus(Duration.ofDays(3650));
        KeyIdentity identity = key.identityFor(FIRST, later).orElseThrow();
        assertEquals(Set.of(Role.OPERATOR, Role.VIEWER), identity.roles());
        assertNull(identity.validUntil());
        key.revoke();
        assertTrue(key.identityFor(FIRST, later).isEmpty());
        assertTrue(key.identityFor(SECOND, later).isEmpty());
    }

    @Test
    void anExpiringKeyIsAcceptedUpToItsExpiryExclusive() {
        Instant expiry = Instant.now().plusSeconds(60);
        ApiKey key = key(expiry);
        assertEquals(expiry, key.identityFor(FIRST, expiry.minusNanos(1)).orElseThrow().validUntil());
        assertTrue(key.identityFor(FIRST, expiry).isEmpty());
        assertTrue(key.expiredAt(expiry));
        assertFalse(key.usableAt(expiry));
    }

    @Test
    void aKeyCannotBeCreatedExpired() {
        assertThrows(IllegalArgumentException.class, () -> key(Instant.now().minusSeconds(1)));
    }

    @Test
    void afterRotationTheOldSecretWorksUntilTheGraceEndsAndTheNewOneFromNow() {
        ApiKey key = key(null);
        Instant rotation = Instant.now();
        key.rotate(SECOND, rotation, Duration.ofSeconds(30));
        Instant graceEnd = rotation.plusSeconds(30);
        assertEquals(graceEnd, key.previousValidUntil());
        assertEquals(rotation, key.rotatedAt());

        assertEquals(graceEnd, key.identityFor(FIRST, graceEnd.minusNanos(1)).orElseThrow().validUntil());
        assertTrue(key.identityFor(FIRST, graceEnd).isEmpty());
        assertNull(key.identityFor(SECOND, graceEnd.plusSeconds(3600)).orElseThrow().validUntil());
    }

    @Test
    void theGraceNeverOutlastsTheKeysExpiry() {
        Instant expiry = Instant.now().plusSeconds(10);
        ApiKey key = key(expiry);
        key.rotate(SECOND, Instant.now(), Duration.ofDays(1));
        assertEquals(expiry, key.identityFor(FIRST, Instant.now()).orElseThrow().validUntil());
    }

    @Test
    void rotatingAgainEndsTheEarlierSecretAtOnce() {
        ApiKey key = key(null);
        Instant now = Instant.now();
        key.rotate(SECOND, now, Duration.ofHours(1));
        key.rotate(THIRD, now.plusSeconds(1), Duration.ofHours(1));
        assertTrue(key.identityFor(FIRST, now.plusSeconds(2)).isEmpty());
        assertTrue(key.identityFor(SECOND, now.plusSeconds(2)).isPresent());
        assertTrue(key.identityFor(THIRD, now.plusSeconds(2)).isPresent());
    }

    @Test
    void aZeroGraceRefusesTheOldSecretAtOnce() {
        ApiKey key = key(null);
        Instant now = Instant.now();
        key.rotate(SECOND, now, Duration.ZERO);
        assertTrue(key.identityFor(FIRST, now).isEmpty());
    }

    @Test
    void aRevokedOrExpiredKeyCannotBeRotated() {
        ApiKey revoked = key(null);
        revoked.revoke();
        assertThrows(IllegalStateException.class, () -> revoked.rotate(SECOND, Instant.now(), Duration.ZERO));
        Instant expiry = Instant.now().plusSeconds(5);
        ApiKey expiring = key(expiry);
        assertThrows(IllegalStateException.class, () -> expiring.rotate(SECOND, expiry, Duration.ZERO));
    }

    @Test
    void theLastUseOnlyMovesForward() {
        ApiKey key = key(null);
        Instant now = Instant.now();
        key.recordUse(now);
        key.recordUse(now.minusSeconds(5));
        assertEquals(now, key.lastUsedAt());
        key.recordUse(now.plusSeconds(5));
        assertEquals(now.plusSeconds(5), key.lastUsedAt());
    }

    @Test
    void theKeysOwnLimitsComeBackByRequestClass() {
        ApiKey key = new ApiKey("app", FIRST, Set.of(Role.INGEST), "test", null,
                Map.of(RequestClass.INGEST, new RateLimit(5, 10)));
        assertEquals(Map.of(RequestClass.INGEST, new RateLimit(5, 10)), key.rateLimits());
        assertEquals(Map.of(RequestClass.INGEST, new RateLimit(5, 10)), key.identityFor(FIRST, Instant.now()).orElseThrow().rateLimits());
    }
}
