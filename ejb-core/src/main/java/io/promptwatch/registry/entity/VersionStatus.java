package io.promptwatch.registry.entity;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where a version stands in its lifecycle and which operator moves it allows.
 * An active version leaves its state only when another one is deployed or by a rollback;
 * a deprecated one only by a rollback that names it.
 */
public enum VersionStatus {
    DRAFT, STAGED, ACTIVE, DEPRECATED;

    /** The moves an operator can ask for on a single version. */
    public enum Move {
        STAGE, DEPLOY, DEPRECATE
    }

    public Set<Move> allowedMoves() {
        return switch (this) {
            case DRAFT -> EnumSet.of(Move.STAGE, Move.DEPRECATE);
            case STAGED -> EnumSet.of(Move.DEPLOY, Move.DEPRECATE);
            case ACTIVE, DEPRECATED -> EnumSet.noneOf(Move.class);
        };
    }

    public boolean allows(Move move) {
        return allowedMoves().contains(move);
    }

    /** The state a move leads to. */
    public static VersionStatus target(Move move) {
        return switch (move) {
            case STAGE -> STAGED;
            case DEPLOY -> ACTIVE;
            case DEPRECATE -> DEPRECATED;
        };
    }

    /** Human-readable list of the allowed moves, for refusals. */
    public String describeAllowedMoves() {
        Set<Move> moves = allowedMoves();
        if (moves.isEmpty()) {
            return this == ACTIVE
                    ? "none: an active version is replaced by deploying another version or by a rollback"
                    : "none: a deprecated version returns only through a rollback that names it";
        }
        return moves.stream().map(m -> m.name().toLowerCase()).collect(Collectors.joining(", "));
    }

    public String label() {
        return name().toLowerCase();
    }
}
