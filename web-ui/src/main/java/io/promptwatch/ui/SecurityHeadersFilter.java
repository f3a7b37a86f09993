package io.promptwatch.ui;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Puts a strict Content-Security-Policy (and its companions) on every answer of the dashboard. The
 * page holds an API key in sessionStorage, so a script injected into it could read the key: scripts
 * come only from this origin's files ({@code script-src 'self'}, no inline script, no eval), the
 * pages talk only to this origin ({@code connect-src 'self'}: the API), forms submit nowhere (the
 * sign-in form is read by script; without script it must not send the key anywhere, least of all
 * into a URL), and no other site may frame the dashboard. Styles too come from files only: the
 * charting library sets its styles through the CSSOM, which the policy does not restrict.
 */
@WebFilter(urlPatterns = "/*")
public class SecurityHeadersFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    /** The policy, also read by the unit test that checks it allows no inline script. */
    static final String POLICY = String.join("; ",
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "manifest-src 'self'",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("Content-Security-Policy", POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Frame-Options", "DENY");
        // The pages change with each deployment and hold no data: always revalidate, never serve a stale module.
        response.setHeader("Cache-Control", "no-cache");
        chain.doFilter(request, response);
    }
}
