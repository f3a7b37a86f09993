package io.promptwatch.tracking.control;

import io.promptwatch.tracking.entity.Execution;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.metrics.annotation.Timed;

/**
 * The database write of the ingest path. Any failure of the store leaves as
 * {@link StoreUnavailableException}, which the circuit breaker around ingest
 * ({@code io.promptwatch.api.tracking.GuardedIngest}) counts.
 */
@ApplicationScoped
public class ExecutionWriter {

    @Inject
    ExecutionStore store;

    @Timed(name = "ingest.write", absolute = true, description = "Time to write one ingest request's records")
    public Set<String> write(List<Execution.Fields> records) {
        try {
            try {
                return store.insertNew(records);
            } catch (EJBException e) {
                if (!isUniqueViolation(e)) {
                    throw e;
                }
                // A concurrent request stored one of these ids after our check: it is committed now,
                // so the second attempt sees it and reports it as a duplicate.
                return store.insertNew(records);
            }
        } catch (EJBException | PersistenceException e) {
            throw new StoreUnavailableException(e);
        }
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLIntegrityConstraintViolationException) {
                return true;
            }
        }
        return false;
    }
}
