package io.promptwatch.security.boundary;

import io.promptwatch.security.entity.ApiKey;

/** A newly created key together with its secret, which exists only in this answer. */
public record IssuedKey(ApiKey key, String secret) {
}
