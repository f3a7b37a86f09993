package io.promptwatch.tracking.entity;

import java.time.Instant;

/**
 * A stored execution as an archive file keeps it, to be put back as it was: under its database
 * {@code id} (the rollups' read positions are record ids: the same id is what keeps a restored record
 * from being rolled up twice), with the feedback it had, which ingest's {@link Execution.Fields} do not carry.
 */
public record ArchivedExecution(long id, Execution.Fields fields, String feedbackComment, Instant feedbackAt) {
}
