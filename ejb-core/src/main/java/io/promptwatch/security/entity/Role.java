package io.promptwatch.security.entity;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a key may do. {@code admin} includes every other role and {@code operator} includes
 * {@code viewer} (whoever deploys must be able to read); {@code ingest} stands alone so that
 * a key built into an application can write records and read nothing.
 */
public enum Role {
    INGEST, VIEWER, OPERATOR, ADMIN;

    public static final String INGEST_NAME = "ingest";
    public static final String VIEWER_NAME = "viewer";
    public static final String OPERATOR_NAME = "operator";
    public static final String ADMIN_NAME = "admin";

    public Set<Role> implied() {
        return switch (this) {
            case INGEST -> EnumSet.of(INGEST);
            case VIEWER -> EnumSet.of(VIEWER);
            case OPERATOR -> EnumSet.of(OPERATOR, VIEWER);
            case ADMIN -> EnumSet.allOf(Role.class);
        };
    }

    /** The roles a key holding {@code roles} acts with, implied ones included. */
    public static Set<Role> effective(Set<Role> roles) {
        Set<Role> all = EnumSet.noneOf(Role.class);
        roles.forEach(r -> all.addAll(r.implied()));
        return all;
    }

    public static Optional<Role> parse(String text) {
        return Arrays.stream(values()).filter(r -> r.label().equals(text)).findFirst();
    }

    public static String labels() {
        return Arrays.stream(values()).map(Role::label).collect(Collectors.joining(", "));
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
