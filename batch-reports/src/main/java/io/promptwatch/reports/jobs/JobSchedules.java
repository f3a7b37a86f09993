package io.promptwatch.reports.jobs;

import io.promptwatch.lease.Leases;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Starts the jobs whose {@code promptwatch.jobs.<job>.schedule} is set, at the times it says (UTC), through
 * {@link Jobs} like the API. One EJB calendar timer per schedule, not persistent: schedules come from
 * the settings at each deployment, so a stored timer would only fire a schedule that no longer exists.
 *
 * <p>Each firing runs once with several servers on one database: the server that takes the lease named
 * for the job and the instant the firing was scheduled for ({@code job:backup:2026-12-06T02:00:00Z})
 * starts the job; the others find it taken and skip. The instant comes from the cron expression, not
 * from the clock when the timer ran, so a server whose timer fires late still names the same firing.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class JobSchedules {

    /**
     * How long a firing's lease stays taken: far longer than any two servers' timers can disagree, and
     * short enough that maintenance purges the rows of past firings a day later.
     */
    static final Duration FIRING_LEASE = Duration.ofHours(12);
    private static final Logger LOG = Logger.getLogger(JobSchedules.class.getName());

    @Resource
    TimerService timers;

    @EJB
    Leases leases;

    @Inject
    Jobs jobs;

    @Inject
    @ConfigProperty(name = "promptwatch.jobs.schedules.enabled")
    boolean enabled;

    private volatile Map<String, Schedule> schedules = Map.of();

    @PostConstruct
    void start() {
        if (!enabled) {
            LOG.info("Job schedules are off (promptwatch.jobs.schedules.enabled=false): jobs run only when started through the API");
            return;
        }
        schedules = Schedule.all(ConfigProvider.getConfig());
        for (Schedule schedule : schedules.values()) {
            if (schedule.cron() == null) {
                // A schedule set ahead of its job (the defaults name jobs still to come) is expected; a bad expression is not.
                LOG.log(JobCatalog.find(schedule.job()).isEmpty() ? Level.INFO : Level.WARNING, () -> "Schedule of job "
                        + schedule.job() + " skipped (" + Schedule.setting(schedule.job()) + "=" + schedule.expression() + "): "
                        + schedule.problem());
                continue;
            }
            timers.createCalendarTimer(schedule.cron().toScheduleExpression(), new TimerConfig(schedule.job(), false));
            LOG.info(() -> "Job " + schedule.job() + " scheduled at '" + schedule.expression() + "' UTC; next run "
                    + schedule.cron().next(Instant.now()));
        }
    }

    @PreDestroy
    void stop() {
        timers.getTimers().forEach(Timer::cancel);
    }

    @Timeout
    void onTimer(Timer timer) {
        Schedule schedule = schedules.get((String) timer.getInfo());
        if (schedule == null || schedule.cron() == null) {
            return;
        }
        try {
            fire(schedule, Instant.now());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Scheduled start of job " + schedule.job() + " failed; the next firing tries again", e);
        }
    }

    /**
     * Starts {@code schedule}'s job for the firing due at or before {@code now}, unless another server
     * took that firing; the execution id, or null when skipped.
     */
    Long fire(Schedule schedule, Instant now) {
        Instant scheduledFor = schedule.cron().latestAtOrBefore(now);
        if (scheduledFor == null) {
            return null;
        }
        String lease = schedule.lease(scheduledFor);
        if (!leases.acquire(lease, FIRING_LEASE)) {
            LOG.info(() -> "Job " + schedule.job() + " due at " + scheduledFor + " runs on another server (lease " + lease + ")");
            return null;
        }
        return jobs.start(schedule.job(), Map.of(), "schedule " + scheduledFor);
    }
}
