package io.promptwatch.persistence;

import io.promptwatch.problem.ProblemException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The instants a TIMESTAMP column can hold: years 1 to 9999, to the microsecond ({@link #now}). Past 9999 Derby fails the statement
 * (SQLState 22007, a 500 until refused here); before year 1 the conversion to a SQL Timestamp drops
 * the era and stores a wrong year. So an instant a request brings is refused where it is read, and
 * a range bound beyond these is narrowed to them, which selects the same stored rows.
 */
public final class StorableInstants {

    public static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private StorableInstants() {
    }

    /**
     * The current instant at the precision both databases keep: microseconds. PostgreSQL's TIMESTAMP
     * rounds finer digits away (Derby's keeps nanoseconds, which the JDK's clock gives on Linux), so
     * an instant answered from memory right after it was stored would differ in its last digits
     * from the same instant read back. Every instant the application stamps comes from here.
     */
    public static Instant now() {
        return kept(Instant.now());
    }

    /**
     * {@code instant} as a TIMESTAMP column keeps it: to the microsecond ({@code null} stays {@code null}).
     * For instants stamped by another clock than {@link #now} (a delivery's {@code java.time.Clock}).
     */
    public static Instant kept(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
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
