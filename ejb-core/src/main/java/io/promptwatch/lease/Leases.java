package io.promptwatch.lease;

import io.promptwatch.persistence.StorableInstants;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Takes named leases in their own transaction, so that the row lock is held for an instant and the
 * lease, not the lock, says who runs the task. Time is the servers' wall clock: leases are about
 * which process runs now, never about the instant a task pretends to run at.
 */
@Stateless
public class Leases {

    /**
     * This server: its instance name and host, e.g. {@code server@ci-host}. Not the process id: a server
     * restarted within a lease's term must take its own lease back (with the pid it waited out the whole
     * term, three hours on the integration-test server, whose evaluator interval is an hour).
     */
    public static final String HOLDER = System.getProperty("com.sun.aas.instanceName", "server") + "@" + host();

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return ManagementFactory.getRuntimeMXBean().getName();
        }
    }

    /** The names of the one-time leases of scheduled job firings start with this. */
    public static final String JOB_FIRING_PREFIX = "job:";

    @PersistenceContext(unitName = "promptwatch")
    EntityManager em;

    /**
     * Takes or renews {@code name} for this server for {@code term}; false when another server holds
     * it. Two servers creating the first row at once: one insert fails on the key and that one answers false.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean acquire(String name, Duration term) {
        Instant now = StorableInstants.now();
        Lease lease = em.find(Lease.class, name, LockModeType.PESSIMISTIC_WRITE);
        if (lease == null) {
            try {
                em.persist(new Lease(name, HOLDER, now, term));
                em.flush();
                return true;
            } catch (PersistenceException duplicate) {
                return false;
            }
        }
        return lease.take(HOLDER, now, term);
    }

    /** Lets the lease go, so that another server need not wait for it to expire. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void release(String name) {
        Lease lease = em.find(Lease.class, name, LockModeType.PESSIMISTIC_WRITE);
        if (lease != null && HOLDER.equals(lease.holder())) {
            em.remove(lease);
        }
    }

    /**
     * Deletes the expired leases whose names start with {@code prefix}: the one-time leases of scheduled
     * job firings ({@code job:backup:2026-12-06T02:00:00Z}) would otherwise pile up, one row per firing.
     * Returns how many went.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int purgeExpired(String prefix) {
        return em.createQuery("DELETE FROM Lease l WHERE l.name LIKE :prefix AND l.expiresAt < :now")
                .setParameter("prefix", prefix.replace("%", "") + "%")
                .setParameter("now", StorableInstants.now())
                .executeUpdate();
    }

    /**
     * Who holds what, for the health overview: every lease by name, except the one-time leases of job
     * firings ({@code job:...}) that have expired (kept until the maintenance job purges them, they
     * tell nothing about who runs what now).
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<Lease> holders(Instant now) {
        return em.createQuery("SELECT l FROM Lease l ORDER BY l.name", Lease.class).getResultStream()
                .filter(l -> !(l.name().startsWith(JOB_FIRING_PREFIX) && l.expiredAt(now)))
                .toList();
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Lease current(String name) {
        return em.find(Lease.class, name);
    }
}
