package io.promptwatch.alerting.boundary;

import io.promptwatch.alerting.control.Deliveries;
import io.promptwatch.alerting.entity.Alert;
import io.promptwatch.alerting.entity.AlertNotification;
import io.promptwatch.alerting.entity.AlertRule;
import io.promptwatch.alerting.entity.AlertState;
import io.promptwatch.alerting.entity.NoticeKind;
import io.promptwatch.alerting.entity.Severity;
import io.promptwatch.persistence.StorableInstants;
import io.promptwatch.problem.ProblemException;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Alerts as people see them: filtered pages newest first, one with its notifications, acknowledge and resolve. */
@Stateless
public class Alerts {

    /** A page of alerts and the cursor of the next one ({@code null} on the last). */
    public record Page(List<Alert> alerts, String next) {
    }

    /** Which alerts a listing holds; every field optional. */
    public record Selection(String state, String promptId, String severity, Instant from, Instant to, String after, int limit) {
    }

    @PersistenceContext(unitName = "promptwatch")
    EntityManager em;

    @Inject
    AlertBook book;

    @Inject
    Deliveries deliveries;

    public Page alerts(Selection s) {
        StringBuilder jpql = new StringBuilder("SELECT a FROM Alert a WHERE 1 = 1");
        List<Object[]> params = new ArrayList<>();
        if (s.state() != null) {
            jpql.append(" AND a.state = :state");
            params.add(new Object[] {"state", parse(AlertState.class, "state", s.state())});
        }
        if (s.severity() != null) {
            jpql.append(" AND a.severity = :severity");
            params.add(new Object[] {"severity", parse(Severity.class, "severity", s.severity())});
        }
        if (s.promptId() != null) {
            jpql.append(" AND a.promptId = :promptId");
            params.add(new Object[] {"promptId", s.promptId()});
        }
        if (s.from() != null) {
            jpql.append(" AND a.firedAt >= :from");
            params.add(new Object[] {"from", s.from()});
        }
        if (s.to() != null) {
            jpql.append(" AND a.firedAt < :to");
            params.add(new Object[] {"to", s.to()});
        }
        if (s.after() != null) {
            Alert cursor = em.find(Alert.class, s.after());
            if (cursor == null) {
                throw ProblemException.invalid("after", "no alert with id '" + s.after() + "': pass the 'next' of the previous page");
            }
            jpql.append(" AND (a.firedAt < :cursorAt OR a.firedAt = :cursorAt AND a.id < :cursorId)");
            params.add(new Object[] {"cursorAt", cursor.firedAt()});
            params.add(new Object[] {"cursorId", cursor.id()});
        }
        jpql.append(" ORDER BY a.firedAt DESC, a.id DESC");
        TypedQuery<Alert> query = em.createQuery(jpql.toString(), Alert.class).setMaxResults(s.limit() + 1);
        params.forEach(p -> query.setParameter((String) p[0], p[1]));
        List<Alert> found = query.getResultList();
        if (found.size() > s.limit()) {
            List<Alert> page = found.subList(0, s.limit());
            return new Page(page, page.get(page.size() - 1).id());
        }
        return new Page(found, null);
    }

    public Alert alert(String id) {
        Alert alert = id == null ? null : em.find(Alert.class, id);
        if (alert == null) {
            throw ProblemException.notFound("no alert with id '" + id + "'");
        }
        return alert;
    }

    public List<AlertNotification> notifications(String alertId) {
        return em.createNamedQuery(AlertNotification.OF_ALERT, AlertNotification.class).setParameter("alertId", alertId).getResultList();
    }

    /** The rule an alert came from, {@code null} once deleted. */
    public AlertRule ruleOf(Alert alert) {
        return alert.ruleId() == null ? null : em.find(AlertRule.class, alert.ruleId());
    }

    public Alert acknowledge(String id, String by, String note) {
        Alert alert = alert(id);
        alert.acknowledge(by, note, StorableInstants.now());
        return alert;
    }

    /** Resolves the alert and tells the rule's channels (after this transaction commits, as the evaluator does). */
    public Alert resolve(String id, String by, String note) {
        Alert alert = alert(id);
        Instant now = StorableInstants.now();
        alert.resolve(by, note, now);
        AlertRule rule = ruleOf(alert);
        if (rule != null) {
            em.flush();
            deliveries.send(alert.id(), book.targets(rule.channels()), AlertBook.notice(NoticeKind.RESOLVED, alert, now,
                    "resolved by " + by + (note == null ? "" : ": " + note)));
        }
        return alert;
    }

    /** The open alerts (firing or acknowledged), newest first, at most {@code limit}: the health overview's list. */
    public List<Alert> open(int limit) {
        return em.createQuery("SELECT a FROM Alert a WHERE a.openKey IS NOT NULL ORDER BY a.firedAt DESC, a.id DESC", Alert.class)
                .setMaxResults(limit).getResultList();
    }

    /** Whether a critical alert is open (firing or acknowledged): the health overview is degraded while one is. */
    public boolean criticalOpen() {
        return !em.createQuery("SELECT a.id FROM Alert a WHERE a.openKey IS NOT NULL AND a.severity = :critical", String.class)
                .setParameter("critical", Severity.CRITICAL).setMaxResults(1).getResultList().isEmpty();
    }

    /** Failed delivery attempts since {@code since}, for the health overview. */
    public long failedDeliveriesSince(Instant since) {
        return em.createNamedQuery(AlertNotification.FAILED_SINCE, Long.class).setParameter("since", since).getSingleResult();
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String field, String label) {
        try {
            return Enum.valueOf(type, label.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(field, "unknown " + field + " '" + label + "'");
        }
    }
}
