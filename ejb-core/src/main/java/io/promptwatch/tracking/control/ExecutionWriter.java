package io.promptwatch.tracking.control;

import io.promptwatch.problem.StoreUnavailableException;
import io.promptwatch.tracking.entity.Execution;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.annotation.Timed;

/**
 * The database write of the ingest path, with group commit. Requests queue their records; one
 * request at a time holds the turn and writes everything queued (up to
 * {@code promptwatch.ingest.group-commit.max-records}) in one transaction, then every request of
 * the group answers. A request answers only after the commit that holds its records, so nothing
 * accepted is lost; the cost of a durable commit (a log flush) is shared by all requests waiting
 * meanwhile instead of paid by each in turn.
 * <p>
 * One writer at a time also keeps embedded Derby out of its own way (concurrent batches of random
 * timestamps waited on each other's index locks until Derby's lock timeout ended one of them) and
 * numbers records in commit order, which the rollups rely on to read each record exactly once
 * ({@code io.promptwatch.metrics.control.RollupStore}). With several servers on one PostgreSQL
 * database each has its own writer; {@link ExecutionStore#insertNew} then numbers under a lock the
 * servers share, so ids stay unique and in commit order across them. A failure of the store leaves as
 * {@link StoreUnavailableException}, which the circuit breaker around ingest counts.
 */
@ApplicationScoped
public class ExecutionWriter {

    /** One request's records and, once written, its outcome. */
    private static final class Pending {
        final List<Execution.Fields> records;
        volatile Set<String> inserted;
        volatile RuntimeException failure;

        Pending(List<Execution.Fields> records) {
            this.records = records;
        }

        boolean done() {
            return inserted != null || failure != null;
        }
    }

    private final ReentrantLock turn = new ReentrantLock(true);
    private final ConcurrentLinkedDeque<Pending> queue = new ConcurrentLinkedDeque<>();
    /** The last record id handed out; read from the store on the first write (guarded by {@link #turn}). */
    private long lastId = -1;
    private volatile long lastWriteNanos = System.nanoTime() - TimeUnit.DAYS.toNanos(1);

    @Inject
    ExecutionStore store;

    @Inject
    @ConfigProperty(name = "promptwatch.ingest.group-commit.max-records")
    int maxGroupRecords;

    @Inject
    @ConfigProperty(name = "promptwatch.ingest.write-wait-seconds")
    long writeWaitSeconds;

    /** Stores the records whose execution id is new; returns those ids (a duplicate is left out). */
    @Timed(name = "ingest.write", absolute = true, description = "Time to write one ingest request's records, queueing included")
    public Set<String> write(List<Execution.Fields> records) {
        Pending mine = new Pending(records);
        queue.add(mine);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(writeWaitSeconds);
        try {
            while (!mine.done()) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !turn.tryLock(left, TimeUnit.NANOSECONDS)) {
                    throw abandon(mine, new IllegalStateException("no turn to write within " + writeWaitSeconds + " s"));
                }
                try {
                    if (!mine.done()) {
                        writeGroup();
                    }
                } finally {
                    turn.unlock();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw abandon(mine, e);
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.inserted;
    }

    /** Whether a write ended within the last {@code millis} (background work gives way to ingest). */
    public boolean busyWithin(long millis) {
        return System.nanoTime() - lastWriteNanos < TimeUnit.MILLISECONDS.toNanos(millis);
    }

    /** Gives up waiting; records not taken by a writer yet are withdrawn (otherwise their fate is that writer's). */
    private StoreUnavailableException abandon(Pending mine, Exception cause) {
        queue.remove(mine);
        return new StoreUnavailableException(cause);
    }

    /** Writes the queued requests (at least one) in one transaction; the caller holds the turn. */
    private void writeGroup() {
        List<Pending> group = new ArrayList<>();
        List<Execution.Fields> records = new ArrayList<>();
        Pending next;
        while ((next = queue.peek()) != null && (group.isEmpty() || records.size() + next.records.size() <= maxGroupRecords)) {
            queue.poll();
            group.add(next);
            records.addAll(next.records);
        }
        if (group.isEmpty()) {
            return;
        }
        try {
            if (lastId < 0) {
                lastId = store.maxId();
            }
            ExecutionStore.Written written = store.insertNew(records, lastId);
            lastId = written.lastId();
            Set<String> inserted = written.inserted();
            lastWriteNanos = System.nanoTime();
            // An id sent by several requests of the group is accepted for the first, a duplicate for the rest.
            for (Pending pending : group) {
                Set<String> own = new HashSet<>();
                pending.records.forEach(r -> {
                    if (inserted.remove(r.executionId)) {
                        own.add(r.executionId);
                    }
                });
                pending.inserted = own;
            }
        } catch (EJBException | PersistenceException | StoreUnavailableException e) {
            lastId = -1; // read again: whether the failed transaction's ids were stored is not known here
            StoreUnavailableException failure = e instanceof StoreUnavailableException s ? s : new StoreUnavailableException(e);
            group.forEach(p -> p.failure = failure);
        }
    }
}
