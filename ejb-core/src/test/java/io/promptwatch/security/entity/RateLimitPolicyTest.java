package io.promptwatch.security.entity;

import static io.promptwatch.security.entity.RequestClass.ANALYSIS;
import static io.promptwatch.security.entity.RequestClass.INGEST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A key's own limit wins; otherwise the most generous of its roles' limits, each falling back to the class's. */
class RateLimitPolicyTest {

    private static Map<String, Long> defaults() {
        Map<String, Long> settings = new HashMap<>();
        settings.put("promptwatch.rate-limit.ingest.per-second", 1000L);
        settings.put("promptwatch.rate-limit.ingest.burst", 2000L);
        settings.put("promptwatch.rate-limit.analysis.per-second", 10L);
        settings.put("promptwatch.rate-limit.analysis.burst", 100L);
        return settings;
    }

    private static RateLimitPolicy policy(Map<String, Long> settings) {
        return RateLimitPolicy.of(name -> Optional.ofNullable(settings.get(name)));
    }

    @Test
    void withoutRoleSettingsEveryKeyGetsTheClassLimit() {
        RateLimitPolicy policy = policy(defaults());
        RateLimitPolicy.Applied ingest = policy.limitFor(INGEST, Set.of(Role.INGEST), null);
        assertEquals(new RateLimit(1000, 2000), ingest.limit());
        assertEquals("promptwatch.rate-limit.ingest.per-second and promptwatch.rate-limit.ingest.burst", ingest.source());
        assertEquals(new RateLimit(10, 100), policy.limitFor(ANALYSIS, Set.of(Role.VIEWER), null).limit());
    }

    @Test
    void aRoleSettingReplacesTheClassLimitForThatRoleOnly() {
        Map<String, Long> settings = defaults();
        settings.put("promptwatch.rate-limit.analysis.viewer.per-second", 2L);
        settings.put("promptwatch.rate-limit.analysis.viewer.burst", 5L);
        RateLimitPolicy policy = policy(settings);
        RateLimitPolicy.Applied viewer = policy.limitFor(ANALYSIS, Set.of(Role.VIEWER), null);
        assertEquals(new RateLimit(2, 5), viewer.limit());
        assertTrue(viewer.source().startsWith("promptwatch.rate-limit.analysis.viewer.per-second"), viewer.source());
        assertEquals(new RateLimit(10, 100), policy.limitFor(ANALYSIS, Set.of(Role.OPERATOR), null).limit());
        assertEquals(new RateLimit(1000, 2000), policy.limitFor(INGEST, Set.of(Role.VIEWER), null).limit());
    }

    @Test
    void aKeyWithSeveralRolesGetsTheMostGenerous() {
        Map<String, Long> settings = defaults();
        settings.put("promptwatch.rate-limit.analysis.viewer.per-second", 2L);
        settings.put("promptwatch.rate-limit.analysis.operator.per-second", 50L);
        settings.put("promptwatch.rate-limit.analysis.operator.burst", 80L);
        RateLimitPolicy policy = policy(settings);
        // viewer: 2/s with the class burst 100; operator: 50/s, burst 80 -> the higher rate wins.
        assertEquals(new RateLimit(50, 80), policy.limitFor(ANALYSIS, Set.of(Role.VIEWER, Role.OPERATOR), null).limit());
        // A role without its own setting has the class limit (10/s), which beats viewer's 2/s.
        assertEquals(new RateLimit(10, 100), policy.limitFor(ANALYSIS, Set.of(Role.VIEWER, Role.INGEST), null).limit());
    }

    @Test
    void equalRatesAreDecidedByTheBurst() {
        Map<String, Long> settings = defaults();
        settings.put("promptwatch.rate-limit.ingest.ingest.burst", 5000L);
        settings.put("promptwatch.rate-limit.ingest.admin.burst", 3000L);
        assertEquals(new RateLimit(1000, 5000),
                policy(settings).limitFor(INGEST, Set.of(Role.ADMIN, Role.INGEST), null).limit());
    }

    @Test
    void allRolesWithTheirOwnLimitIgnoreTheClassLimitEvenWhenLower() {
        Map<String, Long> settings = defaults();
        settings.put("promptwatch.rate-limit.ingest.ingest.per-second", 5L);
        settings.put("promptwatch.rate-limit.ingest.ingest.burst", 5L);
        assertEquals(new RateLimit(5, 5), policy(settings).limitFor(INGEST, Set.of(Role.INGEST), null).limit());
    }

    @Test
    void aKeysOwnLimitWinsEvenWhenLowerOrHigher() {
        RateLimitPolicy policy = policy(defaults());
        RateLimitPolicy.Applied own = policy.limitFor(INGEST, Set.of(Role.ADMIN), new RateLimit(1, 2));
        assertEquals(new RateLimit(1, 2), own.limit());
        assertEquals("this key's rateLimits.ingest", own.source());
        assertEquals(new RateLimit(500, 5000), policy.limitFor(ANALYSIS, Set.of(Role.VIEWER), new RateLimit(500, 5000)).limit());
    }

    @Test
    void missingOrOutOfRangeSettingsAreRefusedByName() {
        Map<String, Long> missing = defaults();
        missing.remove("promptwatch.rate-limit.analysis.burst");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> policy(missing));
        assertTrue(e.getMessage().contains("promptwatch.rate-limit.analysis.burst"), e.getMessage());

        Map<String, Long> zero = defaults();
        zero.put("promptwatch.rate-limit.ingest.operator.per-second", 0L);
        e = assertThrows(IllegalStateException.class, () -> policy(zero));
        assertTrue(e.getMessage().contains("promptwatch.rate-limit.ingest.operator.per-second"), e.getMessage());
    }
}
