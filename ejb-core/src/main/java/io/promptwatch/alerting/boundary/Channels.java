package io.promptwatch.alerting.boundary;

import io.promptwatch.alerting.control.Deliveries;
import io.promptwatch.alerting.entity.AlertChannel;
import io.promptwatch.alerting.entity.AlertRule;
import io.promptwatch.alerting.entity.ChannelType;
import io.promptwatch.alerting.entity.DeliveryOutcome;
import io.promptwatch.alerting.entity.Notice;
import io.promptwatch.persistence.StorableInstants;
import io.promptwatch.problem.ProblemException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/** The channels notifications go to. A channel a rule still names cannot be deleted. */
@Stateless
public class Channels {

    @PersistenceContext(unitName = "promptwatch")
    EntityManager em;

    @Inject
    Deliveries deliveries;

    public AlertChannel create(ChannelRequest request, String actor) {
        checkBody(request);
        checkNameFree(request.name(), null);
        AlertChannel channel = new AlertChannel(request.name(), type(request.type()), request.url(), request.secret(),
                request.to(), actor, StorableInstants.now());
        em.persist(channel);
        return channel;
    }

    public List<AlertChannel> channels() {
        return em.createNamedQuery(AlertChannel.ALL, AlertChannel.class).getResultList();
    }

    public AlertChannel channel(String id) {
        AlertChannel channel = id == null ? null : em.find(AlertChannel.class, id);
        if (channel == null) {
            throw ProblemException.notFound("no channel with id '" + id + "'");
        }
        return channel;
    }

    public AlertChannel replace(String id, ChannelRequest request) {
        checkBody(request);
        AlertChannel channel = channel(id);
        checkNameFree(request.name(), id);
        channel.replace(request.name(), type(request.type()), request.url(), request.secret(), request.to());
        return channel;
    }

    public void delete(String id) {
        AlertChannel channel = channel(id);
        for (AlertRule rule : em.createNamedQuery(AlertRule.ALL, AlertRule.class).getResultList()) {
            if (rule.channels().contains(id) || rule.escalationChannels().contains(id)) {
                throw ProblemException.conflict("id", "rule '" + rule.name() + "' (" + rule.id()
                        + ") sends to this channel; change the rule first");
            }
        }
        em.remove(channel);
    }

    /** Sends a test message through the channel now, on this thread, once: the answer is how it went. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public DeliveryOutcome test(String id) {
        AlertChannel channel = channel(id);
        return deliveries.sendNow(Deliveries.Target.of(channel),
                Notice.test("channel '" + channel.name() + "' reaches its receiver", StorableInstants.now()));
    }

    private void checkNameFree(String name, String exceptId) {
        for (AlertChannel other : channels()) {
            if (other.name().equals(name) && !other.id().equals(exceptId)) {
                throw ProblemException.conflict("name", "a channel named '" + name + "' exists already");
            }
        }
    }

    private static void checkBody(ChannelRequest request) {
        if (request == null) {
            throw ProblemException.invalid("body", "a JSON object describing the channel is required");
        }
    }

    private static ChannelType type(String type) {
        if (type == null) {
            return null;
        }
        return switch (type) {
            case "webhook" -> ChannelType.WEBHOOK;
            case "slack" -> ChannelType.SLACK;
            case "email" -> ChannelType.EMAIL;
            default -> throw ProblemException.invalid("type", "must be webhook, slack or email; got '" + type + "'");
        };
    }
}
