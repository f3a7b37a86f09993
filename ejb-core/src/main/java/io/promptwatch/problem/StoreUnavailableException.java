package io.promptwatch.problem;

/**
 * The database failed a write. Counted by the circuit breaker as a failure and answered with
 * 503 and Retry-After: the client should send the same records again later.
 */
public class StoreUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(Throwable cause) {
        super("the database failed the write: " + cause.getMessage(), cause);
    }
}
