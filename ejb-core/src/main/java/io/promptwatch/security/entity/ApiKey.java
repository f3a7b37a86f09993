package io.promptwatch.security.entity;

import io.promptwatch.persistence.StorableInstants;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * An API key as stored: its hash, never its secret. A revoked key stays for the record. A key may
 * expire; after a rotation the previous secret's hash is kept with the end of its grace period, so
 * that clients can switch to the new secret without an outage. At most one previous secret is
 * accepted: rotating again ends the earlier one's grace at once.
 */
@Entity
@Table(name = "api_key")
@NamedQuery(name = ApiKey.BY_HASH, query = "SELECT k FROM ApiKey k WHERE k.keyHash = :hash")
@NamedQuery(name = ApiKey.BY_PREVIOUS_HASH, query = "SELECT k FROM ApiKey k WHERE k.previousHash = :hash")
@NamedQuery(name = ApiKey.ALL, query = "SELECT k FROM ApiKey k ORDER BY k.createdAt, k.id")
public class ApiKey {

    public static final String BY_HASH = "ApiKey.byHash";
    public static final String BY_PREVIOUS_HASH = "ApiKey.byPreviousHash";
    public static final String ALL = "ApiKey.all";

    @Id
    private String id;
    private String name;
    @Column(name = "key_hash")
    private String keyHash;
    /** Comma-separated role labels. */
    private String roles;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "created_by")
    private String createdBy;
    @Column(name = "revoked_at")
    private Instant revokedAt;
    @Column(name = "expires_at")
    private Instant expiresAt;
    @Column(name = "last_used_at")
    private Instant lastUsedAt;
    @Column(name = "rotated_at")
    private Instant rotatedAt;
    @Column(name = "previous_hash")
    private String previousHash;
    @Column(name = "previous_valid_until")
    private Instant previousValidUntil;
    @Column(name = "ingest_per_second")
    private Long ingestPerSecond;
    @Column(name = "ingest_burst")
    private Long ingestBurst;
    @Column(name = "analysis_per_second")
    private Long analysisPerSecond;
    @Column(name = "analysis_burst")
    private Long analysisBurst;

    protected ApiKey() {
    }

    public ApiKey(String name, String keyHash, Set<Role> roles, String createdBy) {
        this(name, keyHash, roles, createdBy, null, Map.of());
    }

    /** A key that expires at {@code expiresAt} ({@code null}: never) with its own rate limits, if any. */
    public ApiKey(String name, String keyHash, Set<Role> roles, String createdBy, Instant expiresAt,
                  Map<RequestClass, RateLimit> rateLimits) {
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("a key needs at least one role");
        }
        this.id = UUID.randomUUID().toString();
        this.name = name;
        this.keyHash = keyHash;
        this.roles = roles.stream().sorted().map(Role::label).collect(Collectors.joining(","));
        this.createdBy = createdBy;
        this.createdAt = StorableInstants.now();
        if (expiresAt != null && !expiresAt.isAfter(createdAt)) {
            throw new IllegalArgumentException("a key must expire after it was created");
        }
        this.expiresAt = expiresAt;
        RateLimit ingest = rateLimits.get(RequestClass.INGEST);
        RateLimit analysis = rateLimits.get(RequestClass.ANALYSIS);
        if (ingest != null) {
            ingestPerSecond = ingest.perSecond();
            ingestBurst = ingest.burst();
        }
        if (analysis != null) {
            analysisPerSecond = analysis.perSecond();
            analysisBurst = analysis.burst();
        }
    }

    public void revoke() {
        if (revokedAt == null) {
            revokedAt = StorableInstants.now();
        }
    }

    /**
     * Replaces the secret: {@code newHash} is accepted from now on, the current one until
     * {@code now + grace}. A revoked or expired key cannot be rotated.
     */
    public void rotate(String newHash, Instant now, Duration grace) {
        if (!usableAt(now)) {
            throw new IllegalStateException("key " + id + " is revoked or expired");
        }
        previousHash = keyHash;
        previousValidUntil = now.plus(grace);
        keyHash = newHash;
        rotatedAt = now;
    }

    /** Notes a use seen at {@code at}; uses arrive late and out of order, so only a later one counts. */
    public void recordUse(Instant at) {
        if (lastUsedAt == null || at.isAfter(lastUsedAt)) {
            lastUsedAt = at;
        }
    }

    public boolean active() {
        return revokedAt == null;
    }

    public boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /** Neither revoked nor expired. */
    public boolean usableAt(Instant now) {
        return active() && !expiredAt(now);
    }

    /**
     * Who a secret with {@code hash} speaks for at {@code now}: the current secret while the key is
     * usable, the previous one also until its grace ends; nobody otherwise.
     */
    public Optional<KeyIdentity> identityFor(String hash, Instant now) {
        Instant validUntil;
        if (hash.equals(keyHash)) {
            validUntil = expiresAt;
        } else if (hash.equals(previousHash)) {
            validUntil = expiresAt == null || previousValidUntil.isBefore(expiresAt) ? previousValidUntil : expiresAt;
        } else {
            return Optional.empty();
        }
        if (!active() || validUntil != null && !now.isBefore(validUntil)) {
            return Optional.empty();
        }
        return Optional.of(new KeyIdentity(id, name, Role.effective(roles()), validUntil, rateLimits()));
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String keyHash() {
        return keyHash;
    }

    public Set<Role> roles() {
        Set<Role> set = EnumSet.noneOf(Role.class);
        Arrays.stream(roles.split(",")).map(Role::parse).forEach(r -> r.ifPresent(set::add));
        return Collections.unmodifiableSet(set);
    }

    /** The key's own limits; request classes without one follow the settings. */
    public Map<RequestClass, RateLimit> rateLimits() {
        Map<RequestClass, RateLimit> limits = new EnumMap<>(RequestClass.class);
        if (ingestPerSecond != null) {
            limits.put(RequestClass.INGEST, new RateLimit(ingestPerSecond, ingestBurst));
        }
        if (analysisPerSecond != null) {
            limits.put(RequestClass.ANALYSIS, new RateLimit(analysisPerSecond, analysisBurst));
        }
        return Collections.unmodifiableMap(limits);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant revokedAt() {
        return revokedAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant lastUsedAt() {
        return lastUsedAt;
    }

    public Instant rotatedAt() {
        return rotatedAt;
    }

    public String previousHash() {
        return previousHash;
    }

    /** When the secret replaced by the last rotation stops being accepted ({@code null}: never rotated). */
    public Instant previousValidUntil() {
        return previousValidUntil;
    }
}
