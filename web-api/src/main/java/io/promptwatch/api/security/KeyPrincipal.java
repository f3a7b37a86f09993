package io.promptwatch.api.security;

import io.promptwatch.security.entity.KeyIdentity;
import jakarta.security.enterprise.CallerPrincipal;

/**
 * The caller a valid key proves, named as the key is, and carrying the key's identity from the
 * identity store to {@link BearerKeyMechanism}, which hands it to the rate limits as the request
 * attribute {@link #ATTRIBUTE}: a key's name need not be unique, its id is.
 */
public class KeyPrincipal extends CallerPrincipal {

    private static final long serialVersionUID = 1L;

    public static final String ATTRIBUTE = KeyIdentity.class.getName();

    private final KeyIdentity identity;

    public KeyPrincipal(KeyIdentity identity) {
        super(identity.name());
        this.identity = identity;
    }

    public KeyIdentity identity() {
        return identity;
    }
}
