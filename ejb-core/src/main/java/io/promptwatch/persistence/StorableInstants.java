package io.promptwatch.persistence;

import io.promptwatch.problem.ProblemException;
import java.time.Instant;

/**
 * The instants a TIMESTAMP column can hold: years 1 to 9999. Past 9999 Derby fails the statement
 * (SQLState 22007, a 500 until refused here); before year 1 the conversion to a SQL Timestamp drops
 * the era and stores a wrong year. So an instant a request brings is refused where it is read, and
 * a range bound beyond these is narrowed to them, which selects the same stored rows.
 */
public final class StorableInstants {

    public static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private StorableInstants() {
    }

    public static boolean contains(Instant instant) {
        return !instant.isBefore(MIN) && !instant.isAfter(MAX);
    }

    /** {@code instant} when it can be stored ({@code null} stays {@code null}); otherwise refused naming {@code field}. */
    public static Instant require(String field, Instant instant) {
        if (instant != null && !contains(instant)) {
            throw ProblemException.invalid(field, "must lie between " + MIN + " and 9999-12-31T23:59:59Z; got " + instant);
        }
        return instant;
    }

    /** A range bound moved into the storable years: the rows it selects stay the same. */
    public static Instant bound(Instant instant) {
        return instant.isBefore(MIN) ? MIN : instant.isAfter(MAX) ? MAX : instant;
    }
}
