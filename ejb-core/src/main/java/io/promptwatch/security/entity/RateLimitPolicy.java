package io.promptwatch.security.entity;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Which rate limit a key gets for a request class. A key's own limit wins; otherwise each of its
 * (effective) roles has the limit of {@code promptwatch.rate-limit.<class>.<role>.per-second} and
 * {@code .burst}, each falling back to the class's {@code promptwatch.rate-limit.<class>.per-second}
 * and {@code .burst}, and the key gets the most generous of them: a key that is both ingest and
 * admin must not be held to the smaller of two limits meant for different clients.
 */
public final class RateLimitPolicy {

    public static final String PREFIX = "promptwatch.rate-limit.";

    /** A limit and where it comes from, in words an operator can act on. */
    public record Applied(RateLimit limit, String source) {
    }

    private final Map<RequestClass, Applied> defaults = new EnumMap<>(RequestClass.class);
    private final Map<RequestClass, Map<Role, Applied>> perRole = new EnumMap<>(RequestClass.class);

    private RateLimitPolicy() {
    }

    /**
     * The policy of the settings {@code settings} looks up (a property name to its value, if set).
     * Refuses a missing class default or a value out of range, naming the property.
     */
    public static RateLimitPolicy of(Function<String, Optional<Long>> settings) {
        RateLimitPolicy policy = new RateLimitPolicy();
        for (RequestClass requestClass : RequestClass.values()) {
            String classPrefix = PREFIX + requestClass.label() + ".";
            long perSecond = required(settings, classPrefix + "per-second");
            long burst = required(settings, classPrefix + "burst");
            policy.defaults.put(requestClass, new Applied(new RateLimit(perSecond, burst),
                    classPrefix + "per-second and " + classPrefix + "burst"));
            Map<Role, Applied> roles = new EnumMap<>(Role.class);
            for (Role role : Role.values()) {
                String rolePrefix = classPrefix + role.label() + ".";
                Optional<Long> rolePerSecond = optional(settings, rolePrefix + "per-second");
                Optional<Long> roleBurst = optional(settings, rolePrefix + "burst");
                if (rolePerSecond.isPresent() || roleBurst.isPresent()) {
                    roles.put(role, new Applied(new RateLimit(rolePerSecond.orElse(perSecond), roleBurst.orElse(burst)),
                            rolePrefix + "per-second and " + rolePrefix + "burst"));
                }
            }
            policy.perRole.put(requestClass, roles);
        }
        return policy;
    }

    /** The limit for a key with {@code roles} and its own limit {@code keyLimit} ({@code null}: none). */
    public Applied limitFor(RequestClass requestClass, Set<Role> roles, RateLimit keyLimit) {
        if (keyLimit != null) {
            return new Applied(keyLimit, "this key's rateLimits." + requestClass.label());
        }
        Applied best = defaults.get(requestClass);
        boolean anyRoleUsesDefault = roles.isEmpty();
        Applied fromRoles = null;
        for (Role role : roles) {
            Applied applied = perRole.get(requestClass).get(role);
            if (applied == null) {
                anyRoleUsesDefault = true;
            } else if (fromRoles == null || RateLimit.GENEROSITY.compare(applied.limit(), fromRoles.limit()) > 0) {
                fromRoles = applied;
            }
        }
        if (fromRoles != null && (!anyRoleUsesDefault || RateLimit.GENEROSITY.compare(fromRoles.limit(), best.limit()) > 0)) {
            best = fromRoles;
        }
        return best;
    }

    private static long required(Function<String, Optional<Long>> settings, String name) {
        return optional(settings, name).orElseThrow(() -> new IllegalStateException(name + " is not set"));
    }

    private static Optional<Long> optional(Function<String, Optional<Long>> settings, String name) {
        Optional<Long> value = settings.apply(name);
        if (value.isPresent() && !RateLimit.inRange(value.get())) {
            throw new IllegalStateException(name + " must lie between 1 and " + RateLimit.MAX + "; got " + value.get());
        }
        return value;
    }
}
