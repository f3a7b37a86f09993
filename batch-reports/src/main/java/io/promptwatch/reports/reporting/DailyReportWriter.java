package io.promptwatch.reports.reporting;

import io.promptwatch.reporting.boundary.StoredReports;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.LocalDate;
import java.util.List;

/**
 * Builds, renders and stores the day's report of each prompt of the chunk. The boundary joins the
 * chunk's transaction: the reports and the checkpoint that names the last of them commit together.
 */
@Named("dailyReportWriter")
@Dependent
public class DailyReportWriter extends AbstractItemWriter {

    @EJB
    StoredReports reports;

    @Inject
    JobContext job;

    @Inject
    @BatchProperty
    String date;

    @Override
    public void writeItems(List<Object> items) {
        LocalDate day = LocalDate.parse(date);
        for (Object promptId : items) {
            reports.storeDaily((String) promptId, day, job.getExecutionId());
        }
    }
}
