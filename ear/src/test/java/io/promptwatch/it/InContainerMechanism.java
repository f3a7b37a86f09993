package io.promptwatch.it;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The test WAR's authentication: none. Because web-api defines a mechanism, Payara puts Jakarta
 * Security in front of every web module of the application, the test WAR too, and fails each
 * request there (a NullPointerException, answered 500) unless the module can see a mechanism of
 * its own. This one lets Arquillian's requests through unauthenticated; web-api keeps its own.
 */
@ApplicationScoped
public class InContainerMechanism implements HttpAuthenticationMechanism {

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        return context.doNothing();
    }
}
