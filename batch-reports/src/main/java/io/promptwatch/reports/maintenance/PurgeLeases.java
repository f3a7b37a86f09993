package io.promptwatch.reports.maintenance;

import io.promptwatch.lease.Leases;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;

/** Step {@code purge-leases} of the {@code maintenance} job: the expired leases of past scheduled firings. */
@Named("purgeLeases")
@Dependent
public class PurgeLeases extends AbstractBatchlet {

    @EJB
    Leases leases;

    @Override
    public String process() {
        return "purged " + leases.purgeExpired("job:") + " expired firing leases";
    }
}
