package io.promptwatch.reports.reporting;

import io.promptwatch.reporting.boundary.StoredReports;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Hands on the prompts to report for the day, in id order: the one asked for, or every prompt with
 * records that day. Its checkpoint is the last prompt id handed on; when a chunk commits the writer
 * has stored the reports of exactly the prompts up to it, so a restart goes on with the next prompt
 * (a prompt's report stored twice would replace itself anyway: the table holds one per key).
 */
@Named("dailyReportReader")
@Dependent
public class DailyReportReader extends AbstractItemReader {

    @EJB
    StoredReports reports;

    @Inject
    @BatchProperty
    String date;

    @Inject
    @BatchProperty
    String promptId;

    private final Deque<String> prompts = new ArrayDeque<>();
    private String lastRead;

    @Override
    public void open(Serializable checkpoint) {
        lastRead = (String) checkpoint;
        List<String> all = promptId == null || promptId.isBlank() ? reports.promptsWithRecords(LocalDate.parse(date))
                : List.of(promptId);
        prompts.addAll(after(all, lastRead));
    }

    /** The prompts of {@code all} (sorted by id) after {@code checkpoint}, or all without one. */
    static List<String> after(List<String> all, String checkpoint) {
        return all.stream().sorted().filter(p -> checkpoint == null || p.compareTo(checkpoint) > 0).toList();
    }

    @Override
    public Object readItem() {
        String next = prompts.pollFirst();
        if (next != null) {
            lastRead = next;
        }
        return next;
    }

    @Override
    public Serializable checkpointInfo() {
        return lastRead;
    }
}
