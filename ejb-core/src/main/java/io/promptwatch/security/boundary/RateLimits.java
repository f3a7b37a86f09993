package io.promptwatch.security.boundary;

import io.promptwatch.security.control.KeyBuckets;
import io.promptwatch.security.entity.KeyIdentity;
import io.promptwatch.security.entity.RateLimitPolicy;
import io.promptwatch.security.entity.RequestClass;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Holds each key to its rate limit per request class ({@link RateLimitPolicy}: the key's own limit,
 * else the most generous of its roles' settings). Refusals are counted in
 * {@code promptwatch.rate.limit.refusals} by key name and request class.
 */
@ApplicationScoped
public class RateLimits {

    static final String REFUSALS = "promptwatch.rate.limit.refusals";

    @Inject
    MetricRegistry metrics;

    private final KeyBuckets buckets = new KeyBuckets();
    private RateLimitPolicy policy;

    @PostConstruct
    void init() {
        Config config = ConfigProvider.getConfig(RateLimits.class.getClassLoader());
        policy = RateLimitPolicy.of(name -> config.getOptionalValue(name, Long.class));
    }

    /**
     * Creates the bean at deployment (observing is enough), so that a wrong setting fails the
     * deployment instead of the first limited request.
     */
    void readSettingsAtStart(@Observes @Initialized(ApplicationScoped.class) Object deployment) {
        // nothing more to do: init() has read and checked the settings
    }

    /** Takes one request of {@code requestClass} from the key's allowance; empty when it may go ahead. */
    public Optional<RateLimitExceeded> admit(KeyIdentity key, RequestClass requestClass) {
        RateLimitPolicy.Applied applied = policy.limitFor(requestClass, key.roles(), key.rateLimits().get(requestClass));
        Duration wait = buckets.take(key.keyId(), requestClass, applied.limit());
        if (wait.isZero()) {
            return Optional.empty();
        }
        metrics.counter(REFUSALS, new Tag("key", key.name()), new Tag("request_class", requestClass.label())).inc();
        long seconds = Math.max(1, (wait.toNanos() + 999_999_999L) / 1_000_000_000L);
        return Optional.of(new RateLimitExceeded(key.name(), requestClass, applied.limit(), applied.source(), seconds));
    }
}
