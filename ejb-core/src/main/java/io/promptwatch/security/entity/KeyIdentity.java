package io.promptwatch.security.entity;

import java.io.Serializable;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Who a valid key speaks for: its id, its name and its effective roles; until when the secret
 * that proved it is accepted ({@code null}: until revoked), and the key's own rate limits (the
 * settings apply to the request classes it has none for).
 */
public record KeyIdentity(String keyId, String name, Set<Role> roles, Instant validUntil,
                          Map<RequestClass, RateLimit> rateLimits) implements Serializable {

    public KeyIdentity {
        roles = Set.copyOf(roles);
        rateLimits = Map.copyOf(rateLimits);
    }

    public boolean validAt(Instant now) {
        return validUntil == null || now.isBefore(validUntil);
    }
}
