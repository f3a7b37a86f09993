package io.promptwatch.security.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** An API key as stored: its hash, never its secret. A revoked key stays for the record. */
@Entity
@Table(name = "api_key")
@NamedQuery(name = ApiKey.BY_HASH, query = "SELECT k FROM ApiKey k WHERE k.keyHash = :hash")
@NamedQuery(name = ApiKey.ALL, query = "SELECT k FROM ApiKey k ORDER BY k.createdAt, k.id")
public class ApiKey {

    public static final String BY_HASH = "ApiKey.byHash";
    public static final String ALL = "ApiKey.all";

    @Id
    private String id;
    private String name;
    @Column(name = "key_hash")
    private String keyHash;
    /** Comma-separated role labels. */
    private String roles;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "created_by")
    private String createdBy;
    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected ApiKey() {
    }

    public ApiKey(String name, String keyHash, Set<Role> roles, String createdBy) {
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("a key needs at least one role");
        }
        this.id = UUID.randomUUID().toString();
        this.name = name;
        this.keyHash = keyHash;
        this.roles = roles.stream().sorted().map(Role::label).collect(Collectors.joining(","));
        this.createdBy = createdBy;
        this.createdAt = Instant.now();
    }

    public void revoke() {
        if (revokedAt == null) {
            revokedAt = Instant.now();
        }
    }

    public boolean active() {
        return revokedAt == null;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String keyHash() {
        return keyHash;
    }

    public Set<Role> roles() {
        Set<Role> set = EnumSet.noneOf(Role.class);
        Arrays.stream(roles.split(",")).map(Role::parse).forEach(r -> r.ifPresent(set::add));
        return Collections.unmodifiableSet(set);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant revokedAt() {
        return revokedAt;
    }
}
