package io.promptwatch.api.problem;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Optional;
import java.util.Set;

/**
 * What a database failure under a request means for its answer. It is read from the SQLState,
 * whose classes the SQL standard gives and both databases follow, not from the exception's type:
 * Derby throws a typed subclass ({@code SQLIntegrityConstraintViolationException} …), but pgjdbc
 * throws a plain {@code SQLException} for every failure. Read by type alone, a key that a
 * concurrent request committed first on PostgreSQL looked like an outage (503, retry) and so did
 * a value the database refused.
 */
enum DatabaseFailure {

    /**
     * Another transaction got there first: a unique key it committed (23505) or a row it removed
     * that this one refers to (23503). Sending the request again gives the same refusal: 409.
     */
    CONFLICT,

    /**
     * The database cannot be reached or used just now, and a retry may succeed: a broken connection
     * (08), a rollback for a deadlock, lock timeout or serialisation (40), too few resources (53),
     * a cancelled statement or a shutting-down server (57), an I/O error (58), a lock not granted
     * (55P03), a failure with no state at all (the pool's own), or a driver that says the failure is
     * transient or recoverable: 503 with {@code Retry-After}.
     */
    UNAVAILABLE,

    /**
     * The statement itself is at fault and would fail again: a value the database refuses (22),
     * another integrity rule (23), syntax or a missing table (42) and whatever else. Input checks
     * stand before every stored value, so reaching the database with one is a defect: a logged 500.
     */
    FAULT;

    private static final Set<String> RETRYABLE_CLASSES = Set.of("08", "40", "53", "57", "58");

    /** The failure {@code e} is, by its SQLState and, where the driver gives one, its type. */
    static DatabaseFailure of(SQLException e) {
        String state = e.getSQLState();
        if (e instanceof SQLTransientException || e instanceof SQLRecoverableException
                || e instanceof SQLNonTransientConnectionException || state == null || state.length() < 2) {
            return UNAVAILABLE;
        }
        if (state.equals("23505") || state.equals("23503")) {
            return CONFLICT;
        }
        if (RETRYABLE_CLASSES.contains(state.substring(0, 2)) || state.equals("55P03")) {
            return UNAVAILABLE;
        }
        return FAULT;
    }

    /**
     * The failure of the innermost {@code SQLException} in {@code failure}'s cause chain, the
     * driver's own (wrappers such as the persistence provider's add no state): empty when none is.
     */
    static Optional<DatabaseFailure> in(Throwable failure) {
        SQLException innermost = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                innermost = s;
            }
        }
        return Optional.ofNullable(innermost).map(DatabaseFailure::of);
    }
}
