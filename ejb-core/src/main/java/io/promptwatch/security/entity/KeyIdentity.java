package io.promptwatch.security.entity;

import java.util.Set;

/** Who a valid key speaks for: its id, its name and its effective roles. */
public record KeyIdentity(String keyId, String name, Set<Role> roles) {
}
