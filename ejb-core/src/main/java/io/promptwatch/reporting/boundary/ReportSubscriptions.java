package io.promptwatch.reporting.boundary;

import io.promptwatch.alerting.boundary.Channels;
import io.promptwatch.alerting.entity.ChannelRemoval;
import io.promptwatch.alerting.entity.Digest;
import io.promptwatch.persistence.AfterCompletion;
import io.promptwatch.persistence.StorableInstants;
import io.promptwatch.problem.ProblemException;
import io.promptwatch.registry.boundary.PromptRegistry;
import io.promptwatch.reporting.control.DigestMessages;
import io.promptwatch.reporting.entity.ReportSubscription;
import io.promptwatch.reporting.entity.ReportType;
import io.promptwatch.reporting.entity.StoredReport;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Report digests: the subscriptions (which reports go to which of alerting's channels) and the
 * sending. A report job stores a report through {@link StoredReports}, which {@link #announce announces}
 * it; once the job's transaction has committed the digest is prepared on a managed thread and handed
 * to alerting's channels, which deliver it with an alert's retries. Nothing of this runs in, or can
 * fail, the job: a failure is logged and counted in {@code promptwatch.digest.failures}. A rerun of
 * a report (same key) is stored again and so announced again: its subscribers get it again.
 */
@Stateless
public class ReportSubscriptions {

    private static final Logger LOG = Logger.getLogger(ReportSubscriptions.class.getName());

    @PersistenceContext(unitName = "promptwatch")
    EntityManager em;

    @Inject
    Channels channels;

    @Inject
    PromptRegistry registry;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Resource
    ManagedExecutorService executor;

    @Resource
    SessionContext context;

    @Inject
    MetricRegistry metrics;

    @Inject
    @ConfigProperty(name = "promptwatch.public-url")
    String publicUrl;

    /**
     * A new subscription; 400 naming {@code type} for a type that is neither daily nor comprehensive,
     * {@code promptId} for a prompt the registry does not hold, {@code channels} for a channel id that
     * names no channel.
     */
    public ReportSubscription create(String type, String promptId, List<String> channelIds, String actor) {
        if (type == null) {
            throw ProblemException.invalid("type", "is required: daily or comprehensive");
        }
        ReportSubscription subscription = new ReportSubscription(ReportType.parse("type", type), promptId, channelIds, actor,
                StorableInstants.now());
        if (promptId != null && registry.prompts().stream().noneMatch(p -> p.id().equals(promptId))) {
            throw ProblemException.invalid("promptId", "no prompt with id '" + promptId + "'");
        }
        List<String> unknown = channels.unknown(subscription.channels());
        if (!unknown.isEmpty()) {
            throw ProblemException.invalid("channels", "no channel with id '" + unknown.get(0) + "'");
        }
        em.persist(subscription);
        return subscription;
    }

    public List<ReportSubscription> subscriptions() {
        return em.createNamedQuery(ReportSubscription.ALL, ReportSubscription.class).getResultList();
    }

    public ReportSubscription subscription(String id) {
        ReportSubscription subscription = id == null ? null : em.find(ReportSubscription.class, id);
        if (subscription == null) {
            throw ProblemException.notFound("no report subscription with id '" + id + "'");
        }
        return subscription;
    }

    public void delete(String id) {
        em.remove(subscription(id));
    }

    /** A channel a subscription still names cannot be deleted: 409, as for a rule that sends to it. */
    public void refuseRemoval(@Observes ChannelRemoval removal) {
        for (ReportSubscription s : subscriptions()) {
            if (s.channels().contains(removal.channelId())) {
                throw ProblemException.conflict("id", "report subscription " + s.id() + " (" + s.type().label()
                        + (s.promptId() == null ? "" : " of " + s.promptId()) + ") sends to this channel; delete it first");
            }
        }
    }

    /**
     * Sends {@code report}'s digest to its subscribers once the caller's transaction (a job's chunk)
     * has committed; nothing when it rolls back. Returns at once and never throws.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void announce(StoredReport report) {
        try {
            ReportSubscriptions self = context.getBusinessObject(ReportSubscriptions.class);
            AfterCompletion.afterCommit(transactions, () -> {
                try {
                    Long id = report.id();
                    executor.execute(() -> self.send(id));
                } catch (RuntimeException e) {
                    failed("could not hand over the digest of report " + report.key(), e);
                }
            });
        } catch (RuntimeException e) {
            failed("could not announce report " + report.key(), e);
        }
    }

    /**
     * Sends the digest of stored report {@code reportId} to the channels of every subscription that
     * covers it, once to each channel however many subscriptions name it. Public for the managed
     * thread {@link #announce} hands it to; never throws.
     *
     * @return how many channels it went to
     */
    public int send(Long reportId) {
        try {
            StoredReport report = reportId == null ? null : em.find(StoredReport.class, reportId);
            if (report == null) {
                LOG.info(() -> "report " + reportId + " is gone; no digest");
                return 0;
            }
            Set<String> targets = channelsFor(report,
                    em.createNamedQuery(ReportSubscription.OF_TYPE, ReportSubscription.class).setParameter("type", report.type())
                            .getResultList());
            if (targets.isEmpty()) {
                return 0;
            }
            Digest digest = DigestMessages.of(report, publicUrl);
            return channels.sendDigest(targets, digest);
        } catch (RuntimeException e) {
            failed("could not send the digest of report " + reportId, e);
            return 0;
        }
    }

    /** The channel ids of the subscriptions that cover {@code report}, each once, in subscription order. */
    static Set<String> channelsFor(StoredReport report, List<ReportSubscription> subscriptions) {
        Set<String> targets = new LinkedHashSet<>();
        for (ReportSubscription s : subscriptions) {
            if (s.covers(report.type(), report.promptId())) {
                targets.addAll(s.channels());
            }
        }
        return targets;
    }

    private void failed(String what, RuntimeException e) {
        LOG.log(Level.WARNING, what, e);
        try {
            metrics.counter("promptwatch.digest.failures").inc();
        } catch (RuntimeException ignored) {
            // the log line above is the record
        }
    }
}
