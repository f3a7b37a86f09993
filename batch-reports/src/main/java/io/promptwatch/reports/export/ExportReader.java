package io.promptwatch.reports.export;

import io.promptwatch.tracking.boundary.ExecutionFilter;
import io.promptwatch.tracking.boundary.ExecutionQuery;
import io.promptwatch.tracking.entity.Execution;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Reads the selected records in id order, a page at a time, through tracking's boundary
 * ({@code ExecutionQuery.inIdOrder}). Its checkpoint is the id of the last record it handed on: the
 * writer has written exactly the records up to it when a chunk commits, so a restart reads on from
 * there and nothing is read twice or skipped.
 */
@Named("exportReader")
@Dependent
public class ExportReader extends AbstractItemReader {

    /** Records fetched per query (at most the executions list's page size). */
    static final int PAGE = 500;

    @EJB
    ExecutionQuery records;

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
    private long lastRead;
    private long lastFetched;
    private boolean exhausted;

    @Override
    public void open(Serializable checkpoint) {
        filter = new ExecutionFilter(blankToNull(promptId), null, null, null, instant(from), instant(to));
        lastRead = checkpoint == null ? 0 : (Long) checkpoint;
        lastFetched = lastRead;
    }

    @Override
    public Object readItem() {
        if (page.isEmpty() && !exhausted) {
            page.addAll(records.inIdOrder(filter, lastFetched, PAGE));
            exhausted = page.size() < PAGE;
            if (!page.isEmpty()) {
                lastFetched = page.peekLast().id();
            }
        }
        Execution next = page.pollFirst();
        if (next != null) {
            lastRead = next.id();
        }
        return next;
    }

    @Override
    public Serializable checkpointInfo() {
        return lastRead;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static Instant instant(String text) {
        return text == null || text.isBlank() ? null : Instant.parse(text);
    }
}
