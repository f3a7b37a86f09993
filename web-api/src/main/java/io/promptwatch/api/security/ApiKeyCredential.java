package io.promptwatch.api.security;

import jakarta.security.enterprise.credential.Credential;

/** The secret of an API key as presented in an {@code Authorization: Bearer} header. */
public record ApiKeyCredential(String secret) implements Credential {
}
