package io.promptwatch.api.security;

import jakarta.annotation.Priority;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.AnnotatedElement;
import java.util.Arrays;

/**
 * Enforces {@code @RolesAllowed} on resource methods (or their class): a caller without one of
 * the roles gets 403. Authentication has already happened in {@link BearerKeyMechanism}; a
 * resource method without the annotation is refused to everybody, so none is open by mistake.
 */
@Provider
public class RolesAllowedFeature implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        RolesAllowed allowed = annotation(resource.getResourceMethod());
        if (allowed == null) {
            allowed = annotation(resource.getResourceClass());
        }
        String[] roles = allowed == null ? new String[0] : allowed.value();
        context.register(new RoleFilter(roles));
    }

    private static RolesAllowed annotation(AnnotatedElement element) {
        return element.getAnnotation(RolesAllowed.class);
    }

    @Priority(Priorities.AUTHORIZATION)
    private static final class RoleFilter implements ContainerRequestFilter {
        private final String[] roles;

        RoleFilter(String[] roles) {
            this.roles = roles;
        }

        @Override
        public void filter(jakarta.ws.rs.container.ContainerRequestContext request) {
            if (Arrays.stream(roles).noneMatch(request.getSecurityContext()::isUserInRole)) {
                throw new ForbiddenException("this key lacks the role this operation needs: one of "
                        + String.join(", ", roles));
            }
        }
    }
}
