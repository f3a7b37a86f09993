package io.promptwatch.reports.maintenance;

import io.promptwatch.reporting.boundary.StoredReports;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Step {@code purge-reports} of the {@code maintenance} job: stored reports whose period ended before the retention. */
@Named("purgeReports")
@Dependent
public class PurgeReports extends AbstractBatchlet {

    @EJB
    StoredReports reports;

    @Inject
    @ConfigProperty(name = "promptwatch.reports.retention-days")
    int retentionDays;

    @Override
    public String process() {
        return "purged " + reports.purge(retentionDays) + " reports older than " + retentionDays + " days";
    }
}
