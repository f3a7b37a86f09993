package io.promptwatch.security.boundary;

import io.promptwatch.cache.CacheGenerations;
import io.promptwatch.hashing.Sha256;
import io.promptwatch.persistence.AfterCompletion;
import io.promptwatch.persistence.StorableInstants;
import io.promptwatch.problem.ProblemException;
import io.promptwatch.security.control.KeyCache;
import io.promptwatch.security.control.KeyUsage;
import io.promptwatch.security.entity.ApiKey;
import io.promptwatch.security.entity.KeyIdentity;
import io.promptwatch.security.entity.RateLimit;
import io.promptwatch.security.entity.RequestClass;
import io.promptwatch.security.entity.Role;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Issues, lists, rotates, revokes and checks API keys. A secret is 256 random bits; only its
 * SHA-256 is stored, which suffices for secrets of that strength and keeps the per-request check
 * cheap. Valid keys are remembered for {@code promptwatch.security.key-cache-seconds}; their use
 * is noted in memory and written by {@link KeyUsageFlush}.
 */
@Stateless
public class ApiKeys {

    static final String SECRET_PREFIX = "pw_";
    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "promptwatch")
    EntityManager em;

    @Inject
    KeyCache cache;

    @Inject
    KeyUsage usage;

    @EJB
    CacheGenerations generations;

    @Inject
    @ConfigProperty(name = "promptwatch.security.rotation-grace-seconds")
    long rotationGraceSeconds;

    @Resource
    TransactionSynchronizationRegistry transactions;

    public IssuedKey issue(String name, List<String> roleNames, String createdBy) {
        return issue(name, roleNames, null, null, createdBy);
    }

    /**
     * Issues a key that expires at {@code expiresAt} ({@code null}: never) with its own rate limits
     * by request class label ({@code null} or empty: the settings of its roles).
     */
    public IssuedKey issue(String name, List<String> roleNames, Instant expiresAt, Map<String, RequestedLimit> rateLimits,
                           String createdBy) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw ProblemException.invalid("name", "name is required (at most 200 characters)");
        }
        if (roleNames == null || roleNames.isEmpty()) {
            throw ProblemException.invalid("roles", "at least one role is required: " + Role.labels());
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String roleName : roleNames) {
            roles.add(Role.parse(roleName).orElseThrow(() -> ProblemException.invalid("roles",
                    "unknown role '" + roleName + "'; roles are " + Role.labels())));
        }
        if (expiresAt != null && !expiresAt.isAfter(StorableInstants.now())) {
            throw ProblemException.invalid("expiresAt", "expiresAt must lie in the future; got " + expiresAt);
        }
        Map<RequestClass, RateLimit> limits = limits(rateLimits);
        String secret = newSecret();
        ApiKey key = new ApiKey(name, hash(secret), roles, createdBy, expiresAt, limits);
        em.persist(key);
        return new IssuedKey(key, secret);
    }

    /**
     * Stores a key for a secret chosen elsewhere (the configured bootstrap key), unless a key has
     * or had that secret: a revoked or rotated bootstrap key stays as its admin left it.
     */
    public void ensure(String name, String secret, Set<Role> roles) {
        String hash = hash(secret);
        if (findByHash(hash).isEmpty() && findByPreviousHash(hash).isEmpty()) {
            em.persist(new ApiKey(name, hash, roles, "bootstrap"));
        }
    }

    public List<ApiKey> keys() {
        return em.createNamedQuery(ApiKey.ALL, ApiKey.class).getResultList();
    }

    public boolean anyActiveAdmin() {
        Instant now = StorableInstants.now();
        return keys().stream().anyMatch(k -> k.usableAt(now) && k.roles().contains(Role.ADMIN));
    }

    public ApiKey revoke(String id) {
        ApiKey key = find(id);
        key.revoke();
        forget(key.keyHash(), key.previousHash());
        return key;
    }

    /**
     * Gives the key a new secret. The old one is accepted for {@code graceSeconds} more (at most,
     * and by default, {@code promptwatch.security.rotation-grace-seconds}; 0 for a leaked secret);
     * a secret replaced by an earlier rotation is refused from now on.
     */
    public IssuedKey rotate(String id, Long graceSeconds) {
        if (graceSeconds != null && (graceSeconds < 0 || graceSeconds > rotationGraceSeconds)) {
            throw ProblemException.invalid("graceSeconds", "graceSeconds must lie between 0 and " + rotationGraceSeconds
                    + " (promptwatch.security.rotation-grace-seconds); got " + graceSeconds);
        }
        ApiKey key = find(id);
        Instant now = StorableInstants.now();
        if (!key.active()) {
            throw ProblemException.conflict(null, "key '" + key.name() + "' has been revoked; issue a new key instead");
        }
        if (key.expiredAt(now)) {
            throw ProblemException.conflict(null, "key '" + key.name() + "' expired at " + key.expiresAt()
                    + "; issue a new key instead");
        }
        String replaced = key.keyHash();
        String ended = key.previousHash();
        String secret = newSecret();
        key.rotate(hash(secret), now, Duration.ofSeconds(graceSeconds == null ? rotationGraceSeconds : graceSeconds));
        forget(replaced, ended);
        return new IssuedKey(key, secret);
    }

    /** The identity of a usable key with this secret (the current one, or the previous in its grace), if any. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<KeyIdentity> authenticate(String secret) {
        if (secret == null || !secret.startsWith(SECRET_PREFIX) && secret.length() < 16) {
            return Optional.empty();
        }
        String hash = hash(secret);
        Instant now = StorableInstants.now();
        Optional<KeyIdentity> identity = cache.get(hash, now, h -> findByHash(h).or(() -> findByPreviousHash(h))
                .flatMap(k -> k.identityFor(h, now)).orElse(null));
        identity.ifPresent(i -> usage.record(i.keyId(), now));
        return identity;
    }

    /**
     * Writes when keys were last used (key id to time); a key deleted meanwhile is skipped. Each key
     * row is read under its lock in id order: every server flushes its uses this way, so two servers
     * writing overlapping sets of keys wait for each other instead of deadlocking, and the later
     * use is kept whichever commits last (the row is read after the other's commit).
     */
    public void recordUse(Map<String, Instant> uses) {
        new TreeMap<>(uses).forEach((id, at) -> {
            ApiKey key = em.find(ApiKey.class, id, LockModeType.PESSIMISTIC_WRITE);
            if (key != null) {
                key.recordUse(at);
            }
        });
    }

    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String hash(String secret) {
        return Sha256.hex(secret);
    }

    private ApiKey find(String id) {
        ApiKey key = em.find(ApiKey.class, id);
        if (key == null) {
            throw ProblemException.notFound("no API key with id '" + id + "'");
        }
        return key;
    }

    /**
     * Drops cached identities now and again once the transaction ends, when no reader can load the old
     * row; the other servers drop theirs once they see the cache generation raised here.
     */
    private void forget(String... hashes) {
        generations.raise();
        for (String hash : hashes) {
            if (hash != null) {
                cache.invalidate(hash);
                AfterCompletion.run(transactions, () -> cache.invalidate(hash));
            }
        }
    }

    private static Map<RequestClass, RateLimit> limits(Map<String, RequestedLimit> requested) {
        Map<RequestClass, RateLimit> limits = new EnumMap<>(RequestClass.class);
        if (requested == null) {
            return limits;
        }
        for (Map.Entry<String, RequestedLimit> entry : requested.entrySet()) {
            String field = "rateLimits." + entry.getKey();
            RequestClass requestClass = RequestClass.parse(entry.getKey()).orElseThrow(() -> ProblemException.invalid(
                    field, "unknown request class '" + entry.getKey() + "'; classes are " + RequestClass.labels()));
            RequestedLimit limit = entry.getValue();
            if (limit == null || limit.perSecond() == null || !RateLimit.inRange(limit.perSecond())) {
                throw ProblemException.invalid(field + ".perSecond", "perSecond is required, between 1 and " + RateLimit.MAX);
            }
            long burst = limit.burst() == null ? limit.perSecond() : limit.burst();
            if (!RateLimit.inRange(burst)) {
                throw ProblemException.invalid(field + ".burst", "burst must lie between 1 and " + RateLimit.MAX);
            }
            limits.put(requestClass, new RateLimit(limit.perSecond(), burst));
        }
        return limits;
    }

    private Optional<ApiKey> findByHash(String hash) {
        return em.createNamedQuery(ApiKey.BY_HASH, ApiKey.class).setParameter("hash", hash).getResultStream().findFirst();
    }

    private Optional<ApiKey> findByPreviousHash(String hash) {
        return em.createNamedQuery(ApiKey.BY_PREVIOUS_HASH, ApiKey.class).setParameter("hash", hash)
                .getResultStream().findFirst();
    }
}
