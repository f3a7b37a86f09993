package io.promptwatch.reports.export;

import io.promptwatch.reports.jobs.JobProgress;
import io.promptwatch.tracking.boundary.ExecutionFilter;
import io.promptwatch.tracking.boundary.ExecutionQuery;
import io.promptwatch.tracking.boundary.IdWalk;
import io.promptwatch.tracking.entity.Execution;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Reads the selected records in id order: first the selection's span (lowest and highest id, count:
 * one query that the time and prompt indexes serve), then that span along the primary key a window of
 * ids at a time ({@link IdWalk} over {@code ExecutionQuery.inIdRange}), so each page costs the same
 * however far the export has come. The export holds the records stored when its step first started:
 * the span's highest id is fixed then and kept across restarts.
 *
 * <p>While it runs, {@link JobProgress} holds how many of the selection's records it has handed on (at each
 * checkpoint) out of the count read at the start, for {@code GET /api/v1/jobs/executions/{id}}.
 *
 * <p>Its checkpoint ({@link ExportCheckpoint}) is the last id examined and the number of records handed
 * on: the writer has written exactly those when a chunk commits, so a restart reads on after that id
 * and nothing is read twice or skipped.
 */
@Named("exportReader")
@Dependent
public class ExportReader extends AbstractItemReader {

    /** Records fetched per query (at most the executions list's page size). */
    static final int PAGE = 500;

    @EJB
    ExecutionQuery records;

    @Inject
    JobContext job;

    @Inject
    StepContext step;

    @Inject
    JobProgress progress;

    @Inject
    @BatchProperty
    String promptId;

    @Inject
    @BatchProperty
    String from;

    @Inject
    @BatchProperty
    String to;

    private ExecutionFilter filter;
    private final Deque<Execution> page = new ArrayDeque<>();
    private ExportCheckpoint start;
    private IdWalk walk;
    private long lastRead;
    private long exported;

    @Override
    public void open(Serializable checkpoint) {
        filter = new ExecutionFilter(blankToNull(promptId), null, null, null, instant(from), instant(to));
        start = checkpoint == null ? ExportCheckpoint.start(records.span(filter)) : (ExportCheckpoint) checkpoint;
        walk = new IdWalk(start.position(), start.through(), PAGE);
        lastRead = start.position();
        exported = start.exported();
        progress.report(job.getExecutionId(), step.getStepName(), exported, start.total());
    }

    @Override
    public Object readItem() {
        if (page.isEmpty()) {
            page.addAll(walk.next((after, through, limit) -> records.inIdRange(filter, after, through, limit), Execution::id));
        }
        Execution next = page.pollFirst();
        if (next != null) {
            lastRead = next.id();
            exported++;
        }
        return next;
    }

    @Override
    public Serializable checkpointInfo() {
        // With the page read to its end every selected id up to the walk's position is handed on,
        // which may lie well beyond the last record (a sparse window): a restart skips that stretch.
        long position = page.isEmpty() ? walk.position() : lastRead;
        progress.report(job.getExecutionId(), step.getStepName(), exported, start.total());
        return new ExportCheckpoint(start.through(), start.total(), position, exported);
    }

    @Override
    public void close() {
        progress.finish(job.getExecutionId());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static Instant instant(String text) {
        return text == null || text.isBlank() ? null : Instant.parse(text);
    }
}
