package io.promptwatch.api.security;

import io.promptwatch.api.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every request to the API must carry {@code Authorization: Bearer <key>}. A missing, malformed,
 * unknown, revoked or expired key is answered here with 401 problem+json; role checks (403) and
 * rate limits (429) come later, per resource method.
 */
@ApplicationScoped
public class BearerKeyMechanism implements HttpAuthenticationMechanism {

    private static final Logger LOG = Logger.getLogger(BearerKeyMechanism.class.getName());
    private static final String BEARER = "Bearer ";
    private static final Jsonb JSONB = JsonbBuilder.create();

    @Inject
    IdentityStoreHandler identityStores;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return refuse(response, "this API needs an 'Authorization: Bearer <key>' header");
        }
        CredentialValidationResult result;
        try {
            result = identityStores.validate(new ApiKeyCredential(header.substring(BEARER.length()).trim()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "API key check failed", e);
            return answer(response, 503, Problem.of(503, "Service unavailable",
                    "the key store is not answering; retry shortly", null), "Retry-After", "5");
        }
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            return refuse(response, "the API key is unknown, revoked or expired");
        }
        if (result.getCallerPrincipal() instanceof KeyPrincipal key) {
            request.setAttribute(KeyPrincipal.ATTRIBUTE, key.identity());
        }
        return context.notifyContainerAboutLogin(result);
    }

    private static AuthenticationStatus refuse(HttpServletResponse response, String detail) {
        return answer(response, HttpServletResponse.SC_UNAUTHORIZED, Problem.of(401, "Unauthorized", detail, "Authorization"),
                "WWW-Authenticate", "Bearer realm=\"promptwatch\"");
    }

    private static AuthenticationStatus answer(HttpServletResponse response, int status, Problem problem,
                                               String header, String value) {
        try {
            response.setStatus(status);
            response.setHeader(header, value);
            response.setContentType(Problem.MEDIA_TYPE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write(JSONB.toJson(problem));
            response.flushBuffer();
        } catch (IOException e) {
            // The client went away; nothing more to tell it.
        }
        return AuthenticationStatus.SEND_FAILURE;
    }
}
