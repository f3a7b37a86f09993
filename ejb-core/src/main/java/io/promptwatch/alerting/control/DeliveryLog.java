package io.promptwatch.alerting.control;

import io.promptwatch.alerting.entity.AlertNotification;
import io.promptwatch.alerting.entity.DeliveryOutcome;
import io.promptwatch.persistence.StorableInstants;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Keeps each delivery attempt on its alert, in its own transaction: an attempt is history once made. */
@Stateless
public class DeliveryLog {

    @PersistenceContext(unitName = "promptwatch")
    EntityManager em;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void record(String alertId, Deliveries.Target channel, String kind, DeliveryOutcome outcome) {
        em.persist(new AlertNotification(alertId, channel.id(), channel.name(), kind, outcome.attempt(),
                outcome.delivered(), outcome.httpStatus(), outcome.detail(), StorableInstants.kept(outcome.at())));
    }
}
