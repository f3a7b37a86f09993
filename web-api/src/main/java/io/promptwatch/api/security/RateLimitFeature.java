package io.promptwatch.api.security;

import io.promptwatch.api.problem.Problem;
import io.promptwatch.security.boundary.RateLimitExceeded;
import io.promptwatch.security.boundary.RateLimits;
import io.promptwatch.security.entity.KeyIdentity;
import io.promptwatch.security.entity.RequestClass;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Puts the rate limits in front of the limited endpoints: ingest ({@code POST /executions} and
 * {@code /executions/batch}) and analysis ({@code /analysis/*}). The endpoints are recognised by
 * their paths, as the API defines the request classes, so no resource needs to know about limits.
 * The check runs after the role check: a request the key may not make at all is 403 and costs
 * no token. Over the limit: 429 problem+json with {@code Retry-After} in whole seconds.
 */
@Provider
public class RateLimitFeature implements DynamicFeature {

    private static final Logger LOG = Logger.getLogger(RateLimitFeature.class.getName());

    @Inject
    RateLimits limits;

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        Method method = resource.getResourceMethod();
        String httpMethod = Arrays.stream(method.getAnnotations())
                .map(a -> a.annotationType().getAnnotation(HttpMethod.class))
                .filter(h -> h != null).map(HttpMethod::value).findFirst().orElse("");
        classify(httpMethod, path(resource.getResourceClass()) + "/" + path(method))
                .ifPresent(requestClass -> context.register(new LimitFilter(limits, requestClass)));
    }

    /** The request class of an endpoint, from its HTTP method and path below /api/v1 (slashes optional). */
    static Optional<RequestClass> classify(String httpMethod, String path) {
        String normalized = String.join("/", Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList());
        if (HttpMethod.POST.equals(httpMethod)
                && (normalized.equals("executions") || normalized.equals("executions/batch"))) {
            return Optional.of(RequestClass.INGEST);
        }
        if (normalized.equals("analysis") || normalized.startsWith("analysis/")) {
            return Optional.of(RequestClass.ANALYSIS);
        }
        return Optional.empty();
    }

    private static String path(AnnotatedElement element) {
        Path path = element.getAnnotation(Path.class);
        return path == null ? "" : path.value();
    }

    @Priority(Priorities.AUTHORIZATION + 10)
    private static final class LimitFilter implements ContainerRequestFilter {
        private final RateLimits limits;
        private final RequestClass requestClass;

        LimitFilter(RateLimits limits, RequestClass requestClass) {
            this.limits = limits;
            this.requestClass = requestClass;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            if (!(request.getProperty(KeyPrincipal.ATTRIBUTE) instanceof KeyIdentity key)) {
                // Every request was authenticated by BearerKeyMechanism, which leaves the key here.
                LOG.warning(() -> "No key identity on an authenticated " + requestClass.label() + " request; not limited");
                return;
            }
            Optional<RateLimitExceeded> exceeded = limits.admit(key, requestClass);
            exceeded.ifPresent(e -> request.abortWith(Problem.of(429, "Too many requests", e.detail(), null)
                    .toResponse().header("Retry-After", e.retryAfterSeconds()).build()));
        }
    }
}
