package io.promptwatch.tracking.control;

import io.promptwatch.tracking.entity.Execution;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.microprofile.metrics.annotation.Timed;

/**
 * The database write of the ingest path. Writes take turns (one transaction at a time, fairly):
 * embedded Derby writes one transaction at a time anyway, and concurrent batches of random
 * timestamps otherwise wait on each other's index locks until Derby's lock timeout ends one of
 * them (measured: two writers of 1,000-record batches failed within seconds). Taking turns also
 * numbers records in commit order, which the rollups rely on to read each record exactly once
 * ({@code io.promptwatch.metrics.control.RollupWorker}). A failure of the
 * store leaves as {@link StoreUnavailableException}, which the circuit breaker around ingest
 * ({@code io.promptwatch.api.tracking.GuardedIngest}) counts; the timeout there bounds the wait.
 */
@ApplicationScoped
public class ExecutionWriter {

    private final ReentrantLock turn = new ReentrantLock(true);
    /** The last record id handed out; read from the store on the first write (guarded by {@link #turn}). */
    private long lastId = -1;

    @Inject
    ExecutionStore store;

    @Timed(name = "ingest.write", absolute = true, description = "Time to write one ingest request's records")
    public Set<String> write(List<Execution.Fields> records) {
        try {
            if (!turn.tryLock(60, TimeUnit.SECONDS)) {
                throw new StoreUnavailableException(new IllegalStateException("no turn to write within 60 s"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException(e);
        }
        try {
            if (lastId < 0) {
                lastId = store.maxId();
            }
            return store.insertNew(records, () -> ++lastId);
        } catch (EJBException | PersistenceException e) {
            throw new StoreUnavailableException(e);
        } finally {
            turn.unlock();
        }
    }
}
