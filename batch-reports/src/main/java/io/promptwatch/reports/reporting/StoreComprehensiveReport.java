package io.promptwatch.reports.reporting;

import io.promptwatch.reporting.boundary.StoredReports;
import io.promptwatch.reporting.entity.StoredReport;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The {@code comprehensive-report} job's one step: one report over all prompts, built and stored in
 * one transaction (a batchlet: there is nothing to checkpoint inside a single report).
 */
@Named("storeComprehensiveReport")
@Dependent
public class StoreComprehensiveReport extends AbstractBatchlet {

    @EJB
    StoredReports reports;

    @Inject
    JobContext job;

    @Inject
    @BatchProperty
    String days;

    @Override
    public String process() {
        StoredReport report = reports.storeComprehensive(Integer.parseInt(days), job.getExecutionId());
        String exit = "report " + report.id() + " (" + report.periodFrom() + " .. " + report.periodTo() + ")";
        job.setExitStatus(exit);
        return exit;
    }
}
