package io.promptwatch.tracking.control;

import io.promptwatch.tracking.entity.Execution;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes validated executions in one transaction per call. Execution ids already stored, or
 * repeated within the call, are skipped and reported as duplicates.
 */
@Stateless
public class ExecutionStore {

    private static final int ID_QUERY_CHUNK = 500;

    @PersistenceContext(unitName = "promptwatch")
    EntityManager em;

    /** Stores the executions whose id is new and returns those ids. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Set<String> insertNew(List<Execution.Fields> records) {
        Set<String> known = existingIds(records.stream().map(r -> r.executionId).toList());
        Set<String> inserted = new HashSet<>();
        for (Execution.Fields record : records) {
            if (!known.contains(record.executionId) && inserted.add(record.executionId)) {
                em.persist(new Execution(record));
            }
        }
        em.flush();
        return inserted;
    }

    private Set<String> existingIds(List<String> ids) {
        Set<String> existing = new HashSet<>();
        List<String> distinct = new ArrayList<>(new HashSet<>(ids));
        for (int from = 0; from < distinct.size(); from += ID_QUERY_CHUNK) {
            List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + ID_QUERY_CHUNK));
            existing.addAll(em.createNamedQuery(Execution.EXISTING_IDS, String.class)
                    .setParameter("ids", chunk)
                    .getResultList());
        }
        return existing;
    }
}
