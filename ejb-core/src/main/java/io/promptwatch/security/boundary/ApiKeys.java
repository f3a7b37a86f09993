package io.promptwatch.security.boundary;

import io.promptwatch.hashing.Sha256;
import io.promptwatch.persistence.AfterCompletion;
import io.promptwatch.problem.ProblemException;
import io.promptwatch.security.control.KeyCache;
import io.promptwatch.security.entity.ApiKey;
import io.promptwatch.security.entity.KeyIdentity;
import io.promptwatch.security.entity.Role;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Issues, lists, revokes and checks API keys. A secret is 256 random bits; only its SHA-256 is
 * stored, which suffices for secrets of that strength and keeps the per-request check cheap.
 * Valid keys are remembered for {@code promptwatch.security.key-cache-seconds}.
 */
@Stateless
public class ApiKeys {

    static final String SECRET_PREFIX = "pw_";
    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "promptwatch")
    EntityManager em;

    @Inject
    KeyCache cache;

    @Resource
    TransactionSynchronizationRegistry transactions;

    public IssuedKey issue(String name, List<String> roleNames, String createdBy) {
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
        String secret = newSecret();
        ApiKey key = new ApiKey(name, hash(secret), roles, createdBy);
        em.persist(key);
        return new IssuedKey(key, secret);
    }

    /** Stores a key for a secret chosen elsewhere (the configured bootstrap key), unless it exists. */
    public void ensure(String name, String secret, Set<Role> roles) {
        if (findByHash(hash(secret)).isEmpty()) {
            em.persist(new ApiKey(name, hash(secret), roles, "bootstrap"));
        }
    }

    public List<ApiKey> keys() {
        return em.createNamedQuery(ApiKey.ALL, ApiKey.class).getResultList();
    }

    public boolean anyActiveAdmin() {
        return keys().stream().anyMatch(k -> k.active() && k.roles().contains(Role.ADMIN));
    }

    public ApiKey revoke(String id) {
        ApiKey key = em.find(ApiKey.class, id);
        if (key == null) {
            throw ProblemException.notFound("no API key with id '" + id + "'");
        }
        key.revoke();
        cache.invalidate(key.keyHash());
        AfterCompletion.run(transactions, () -> cache.invalidate(key.keyHash()));
        return key;
    }

    /** The identity of an active key with this secret, if there is one. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<KeyIdentity> authenticate(String secret) {
        if (secret == null || !secret.startsWith(SECRET_PREFIX) && secret.length() < 16) {
            return Optional.empty();
        }
        String hash = hash(secret);
        Optional<KeyIdentity> cached = cache.get(hash);
        if (cached.isPresent()) {
            return cached;
        }
        Optional<KeyIdentity> identity = findByHash(hash)
                .filter(ApiKey::active)
                .map(k -> new KeyIdentity(k.id(), k.name(), Role.effective(k.roles())));
        identity.ifPresent(i -> cache.put(hash, i));
        return identity;
    }

    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String hash(String secret) {
        return Sha256.hex(secret);
    }

    private Optional<ApiKey> findByHash(String hash) {
        return em.createNamedQuery(ApiKey.BY_HASH, ApiKey.class).setParameter("hash", hash).getResultStream().findFirst();
    }
}
