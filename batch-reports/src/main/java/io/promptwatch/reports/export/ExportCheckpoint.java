package io.promptwatch.reports.export;

import io.promptwatch.tracking.entity.IdSpan;
import java.io.Serializable;

/**
 * Where an export's reading stands when a chunk commits: the selection as read when the step first
 * started (its highest id {@code through} and its record count {@code total}), the last id examined
 * ({@code position}: every selected record up to it is in the file) and how many records the file
 * holds ({@code exported}). A restart goes on after {@code position} within the same selection.
 */
record ExportCheckpoint(long through, long total, long position, long exported) implements Serializable {

    /** The start of an export of {@code span} (null: nothing is selected). */
    static ExportCheckpoint start(IdSpan span) {
        return span == null ? new ExportCheckpoint(0, 0, 0, 0) : new ExportCheckpoint(span.last(), span.count(), span.first() - 1, 0);
    }
}
