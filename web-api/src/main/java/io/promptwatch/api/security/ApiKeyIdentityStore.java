package io.promptwatch.api.security;

import io.promptwatch.security.boundary.ApiKeys;
import io.promptwatch.security.entity.Role;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.stream.Collectors;

/**
 * Validates API keys against the stored hashes; a key's effective roles become its groups and its
 * identity (id, expiry, own rate limits) travels on in a {@link KeyPrincipal}.
 */
@ApplicationScoped
public class ApiKeyIdentityStore implements IdentityStore {

    @EJB
    ApiKeys keys;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof ApiKeyCredential apiKey)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        return keys.authenticate(apiKey.secret())
                .map(identity -> new CredentialValidationResult(new KeyPrincipal(identity),
                        identity.roles().stream().map(Role::label).collect(Collectors.toSet())))
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }
}
