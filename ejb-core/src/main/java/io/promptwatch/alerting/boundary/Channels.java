package io.promptwatch.alerting.boundary;

import io.promptwatch.alerting.control.Deliveries;
import io.promptwatch.alerting.entity.AlertChannel;
import io.promptwatch.alerting.entity.AlertRule;
import io.promptwatch.alerting.entity.ChannelRemoval;
import io.promptwatch.alerting.entity.ChannelType;
import io.promptwatch.alerting.entity.DeliveryOutcome;
import io.promptwatch.alerting.entity.Digest;
import io.promptwatch.alerting.entity.Notice;
import io.promptwatch.persistence.StorableInstants;
import io.promptwatch.problem.ProblemException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The channels notifications go to. A channel a rule still names cannot be deleted, nor one that an
 * observer of {@link ChannelRemoval} refuses (a report subscription naming it).
 */
@Stateless
public class Channels {

    private static final Logger LOG = Logger.getLogger(Channels.class.getName());

    @PersistenceContext(unitName = "promptwatch")
    EntityManager em;

    @Inject
    Deliveries deliveries;

    /** Observers (report subscriptions) may refuse a deletion by throwing a problem. */
    @Inject
    Event<ChannelRemoval> removals;

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
        removals.fire(new ChannelRemoval(channel.id(), channel.name()));
        em.remove(channel);
    }

    /** Sends a test message through the channel now, on this thread, once: the answer is how it went. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public DeliveryOutcome test(String id) {
        AlertChannel channel = channel(id);
        return deliveries.sendNow(Deliveries.Target.of(channel),
                Notice.test("channel '" + channel.name() + "' reaches its receiver", StorableInstants.now()));
    }

    /** Those of {@code ids} that name no channel, in their order: for another component's requests that name channels. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<String> unknown(Collection<String> ids) {
        return ids.stream().filter(id -> id == null || em.find(AlertChannel.class, id) == null).toList();
    }

    /**
     * Hands {@code digest} to each channel of {@code ids} that still exists and returns at once: the
     * deliveries run off the caller's thread with an alert's retries, signing and timeouts. A channel
     * that is gone (deleted between the reading of the subscriptions and this call) is skipped with a log line. Never throws: a digest is a courtesy,
     * and whatever the caller was doing (storing a report) must not fail for it.
     *
     * @return how many channels it was handed to
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public int sendDigest(Collection<String> ids, Digest digest) {
        try {
            List<Deliveries.Target> targets = new ArrayList<>();
            for (String id : new LinkedHashSet<>(ids)) {
                AlertChannel channel = id == null ? null : em.find(AlertChannel.class, id);
                if (channel == null) {
                    LOG.warning(() -> "digest '" + digest.title() + "': no channel with id '" + id + "' any more; skipped");
                } else {
                    targets.add(Deliveries.Target.of(channel));
                }
            }
            deliveries.send(targets, digest);
            return targets.size();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not hand over digest '" + digest.title() + "'", e);
            return 0;
        }
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
