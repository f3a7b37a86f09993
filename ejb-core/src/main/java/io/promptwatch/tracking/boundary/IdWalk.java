package io.promptwatch.tracking.boundary;

import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Walks a range of record ids a window at a time, so that each query of a job reading a selection in
 * id order walks the primary key from where the last one stopped: a page costs the same however deep
 * it is. Paging with {@code id > :after ORDER BY id FETCH n} alone lets the database pick the time (or
 * prompt) index for the rest of the selection and sort all of it by id for each page, which makes the
 * whole read quadratic. Where the selection's records are sparse among the ids (another prompt's
 * records in between) an empty or thin window doubles the next one, up to {@value #MAX_PAGES} pages'
 * worth of ids, so a sparse selection costs few queries; a full page stops at its last record.
 *
 * <p>{@link #position()} is the last id examined: every record of the selection up to it has been
 * returned. A job whose checkpoint is that position (or the id of the last record it handed on)
 * resumes exactly after it.
 */
public final class IdWalk {

    /** The widest window, in pages' worth of ids. */
    public static final int MAX_PAGES = 64;

    /** One window's read: up to {@code limit} records with an id in ({@code afterId}, {@code throughId}], lowest id first. */
    @FunctionalInterface
    public interface Window<T> {
        List<T> read(long afterId, long throughId, int limit);
    }

    private final long through;
    private final int limit;
    private long position;
    private long span;

    /** A walk of the ids above {@code afterId} up to {@code throughId}, reading at most {@code limit} records a query. */
    public IdWalk(long afterId, long throughId, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive; got " + limit);
        }
        this.position = afterId;
        this.through = throughId;
        this.limit = limit;
        this.span = limit;
    }

    /** The last id examined. */
    public long position() {
        return position;
    }

    /** Whether every id of the range has been examined. */
    public boolean finished() {
        return position >= through;
    }

    /**
     * The next records of the walk, lowest id first, at most its limit: an empty list only once the
     * walk is finished. {@code id} names a record's id.
     */
    public <T> List<T> next(Window<T> window, ToLongFunction<T> id) {
        while (!finished()) {
            long end = position + Math.min(span, through - position);
            List<T> records = window.read(position, end, limit);
            if (records.size() >= limit) {
                position = id.applyAsLong(records.get(records.size() - 1));
                return records;
            }
            position = end;
            if (records.size() < limit / 2) {
                span = Math.min(span * 2, (long) limit * MAX_PAGES);
            }
            if (!records.isEmpty()) {
                return records;
            }
        }
        return List.of();
    }
}
