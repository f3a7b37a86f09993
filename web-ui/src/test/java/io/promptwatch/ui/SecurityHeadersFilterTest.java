package io.promptwatch.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The dashboard's policy, directive by directive: no inline script, no eval, nothing from another origin. */
class SecurityHeadersFilterTest {

    private static Map<String, String> directives() {
        return Arrays.stream(SecurityHeadersFilter.POLICY.split(";")).map(String::trim)
                .collect(Collectors.toMap(d -> d.split(" ", 2)[0], d -> d.split(" ", 2)[1]));
    }

    @Test
    void scriptsAndConnectionsOnlyFromThisOrigin() {
        Map<String, String> policy = directives();
        assertEquals("'none'", policy.get("default-src"));
        assertEquals("'self'", policy.get("script-src"));
        assertEquals("'self'", policy.get("connect-src"));
        assertEquals("'none'", policy.get("form-action"), "a sign-in form that submitted would send the key somewhere");
        assertEquals("'none'", policy.get("frame-ancestors"));
    }

    @Test
    void nothingUnsafeAnywhere() {
        assertFalse(SecurityHeadersFilter.POLICY.contains("unsafe"), SecurityHeadersFilter.POLICY);
        assertFalse(SecurityHeadersFilter.POLICY.contains("*"), SecurityHeadersFilter.POLICY);
        assertFalse(SecurityHeadersFilter.POLICY.contains("http"), SecurityHeadersFilter.POLICY);
    }
}
