package io.promptwatch.reports.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How far the long steps of the executions running on this server have come, for
 * {@code GET /api/v1/jobs/executions/{id}}: the batch runtime stores a step's counts only when the
 * step ends. Held in this server's memory, as the step runs here: another server sharing the database
 * answers the same execution without it, and a step that ended (or a server that restarted) has none.
 * A step reports when it opens and at each checkpoint, and forgets its execution when it closes.
 */
@ApplicationScoped
public class JobProgress {

    /** A running step: its name, the items it has done and the items it found to do when it started. */
    public record Progress(String step, long done, long total) {
    }

    private final Map<Long, Progress> running = new ConcurrentHashMap<>();

    /** Execution {@code executionId}'s step {@code step} has done {@code done} of {@code total}. */
    public void report(long executionId, String step, long done, long total) {
        running.put(executionId, new Progress(step, done, total));
    }

    /** Execution {@code executionId}'s step ended here (completed, stopped or failed). */
    public void finish(long executionId) {
        running.remove(executionId);
    }

    /** Where execution {@code executionId} stands, if one of its steps is running on this server. */
    public Optional<Progress> of(long executionId) {
        return Optional.ofNullable(running.get(executionId));
    }
}
