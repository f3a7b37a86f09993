package io.promptwatch.security.boundary;

import io.promptwatch.security.entity.RateLimit;
import io.promptwatch.security.entity.RequestClass;

/** A request refused by its key's rate limit: which limit, where it is set, and when to come back. */
public record RateLimitExceeded(String keyName, RequestClass requestClass, RateLimit limit, String source,
                                long retryAfterSeconds) {

    public String detail() {
        return "key '" + keyName + "' is over its " + requestClass.label() + " limit of " + limit.perSecond()
                + " requests per second (bursts of " + limit.burst() + "), set by " + source
                + "; retry after " + retryAfterSeconds + " s";
    }
}
