package io.promptwatch.tracking.control;

import io.promptwatch.tracking.entity.Execution;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.metrics.annotation.Timed;

/**
 * The guarded database write of the ingest path. When the database keeps failing, the circuit
 * breaker opens and ingest answers 503 at once instead of queueing work on a dead store; the
 * bulkhead bounds concurrent writers and the timeout bounds a hung one. Thresholds are
 * MicroProfile Config keys (see config/).
 */
@ApplicationScoped
public class ExecutionWriter {

    @Inject
    ExecutionStore store;

    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, successThreshold = 2)
    @Bulkhead(32)
    @Timeout(10000)
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
