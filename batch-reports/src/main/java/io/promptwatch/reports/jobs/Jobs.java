package io.promptwatch.reports.jobs;

import io.promptwatch.problem.ProblemException;
import jakarta.batch.operations.JobExecutionAlreadyCompleteException;
import jakarta.batch.operations.JobExecutionNotMostRecentException;
import jakarta.batch.operations.JobExecutionNotRunningException;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.JobRestartException;
import jakarta.batch.operations.JobSecurityException;
import jakarta.batch.operations.NoSuchJobException;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.JobInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Starts, stops, restarts and reads job executions through the batch runtime's {@link JobOperator}:
 * the one place that does, for the API and the schedules alike. It lives in the WAR (this jar is in
 * its WEB-INF/lib) because the runtime ties executions to the component that started them: started
 * from the EJB module they answer JobSecurityException after a redeploy.
 *
 * <p>The runtime's exceptions become problems here: an unknown execution 404, a state that does not
 * allow the move 409.
 */
@ApplicationScoped
public class Jobs {

    private static final Logger LOG = Logger.getLogger(Jobs.class.getName());

    @Inject
    JobProgress progress;

    JobOperator operator() {
        return BatchRuntime.getJobOperator();
    }

    /** Starts {@code name} with {@code given} parameters (checked, defaults filled in); the new execution's id. */
    public long start(String name, Map<String, String> given, String startedBy) {
        JobDefinition job = JobCatalog.require(name);
        Properties parameters = properties(JobCatalog.parameters(job, given), startedBy);
        long id = operator().start(job.name(), parameters);
        LOG.info(() -> "Job " + job.name() + " started as execution " + id + " by " + startedBy + " with " + parameters);
        return id;
    }

    /**
     * Restarts the stopped or failed execution {@code id} with the parameters it ran with, changed only
     * where a parameter allows it ({@code changes}); the new execution's id.
     */
    public long restart(long id, Map<String, String> changes, String restartedBy) {
        JobExecution previous = find(id);
        JobDefinition job = JobCatalog.require(previous.getJobName());
        Map<String, String> values = new LinkedHashMap<>();
        Properties before = previous.getJobParameters();
        if (before != null) {
            before.stringPropertyNames().stream().filter(n -> !n.equals(JobCatalog.STARTED_BY))
                    .forEach(n -> values.put(n, before.getProperty(n)));
        }
        for (Map.Entry<String, String> change : changes.entrySet()) {
            JobParameter parameter = job.parameter(change.getKey()).orElse(null);
            if (parameter != null && !parameter.changeableOnRestart()) {
                throw ProblemException.invalid(change.getKey(), change.getKey() + " cannot change on a restart: the execution "
                        + "continues what it did; start a new one instead");
            }
            values.put(change.getKey(), change.getValue());
        }
        Properties parameters = properties(JobCatalog.parameters(job, values), restartedBy);
        try {
            long restarted = operator().restart(id, parameters);
            LOG.info(() -> "Job " + job.name() + " execution " + id + " restarted as " + restarted + " by " + restartedBy);
            return restarted;
        } catch (JobExecutionAlreadyCompleteException e) {
            throw ProblemException.conflict("id", "execution " + id + " completed: there is nothing to restart");
        } catch (JobExecutionNotMostRecentException e) {
            throw ProblemException.conflict("id", "execution " + id + " is not its job instance's latest: restart the latest");
        } catch (JobRestartException e) {
            throw ProblemException.conflict("id", "execution " + id + " cannot be restarted while it is "
                    + previous.getBatchStatus() + "; stop it first or wait until it ends");
        } catch (NoSuchJobExecutionException | JobSecurityException e) {
            throw notFound(id);
        }
    }

    /** Asks the running execution {@code id} to stop at its next checkpoint (a chunk's end) or batchlet stop. */
    public void stop(long id) {
        JobExecution execution = find(id);
        try {
            operator().stop(id);
            LOG.info(() -> "Job " + execution.getJobName() + " execution " + id + " asked to stop");
        } catch (JobExecutionNotRunningException e) {
            throw ProblemException.conflict("id", "execution " + id + " is not running: it is " + execution.getBatchStatus());
        } catch (NoSuchJobExecutionException | JobSecurityException e) {
            throw notFound(id);
        }
    }

    /** Execution {@code id} with its steps. */
    public JobExecutionView execution(long id) {
        JobExecution execution = find(id);
        JobInstance instance = operator().getJobInstance(id);
        return JobExecutionView.of(execution, instance.getInstanceId(),
                operator().getStepExecutions(id).stream().map(JobExecutionView.StepView::of).toList(),
                progress == null ? null : progress.of(id).orElse(null));
    }

    /** The job instance whose file an export execution wrote (every execution of an instance writes the same file). */
    public long instanceOf(long id, String jobName) {
        JobExecution execution = find(id);
        if (!execution.getJobName().equals(jobName)) {
            throw ProblemException.notFound("execution " + id + " is a " + execution.getJobName() + " job, not " + jobName);
        }
        return operator().getJobInstance(id).getInstanceId();
    }

    /**
     * The newest executions (at most {@code limit}), of job {@code name} and in {@code status} when given;
     * newest first. Reads the {@code limit} newest instances of each job and their executions.
     */
    public List<JobExecutionView> executions(String name, String status, int limit) {
        if (name != null && JobCatalog.find(name).isEmpty()) {
            throw ProblemException.invalid("name", "no job named '" + name + "'; the jobs are "
                    + String.join(", ", JobCatalog.all().stream().map(JobDefinition::name).toList()));
        }
        BatchStatus wanted = status == null ? null : status(status);
        List<String> names = name != null ? List.of(name) : JobCatalog.all().stream().map(JobDefinition::name).toList();
        List<JobExecutionView> found = new ArrayList<>();
        for (String job : names) {
            for (JobInstance instance : instances(job, limit)) {
                for (JobExecution execution : operator().getJobExecutions(instance)) {
                    if (wanted == null || execution.getBatchStatus() == wanted) {
                        found.add(JobExecutionView.of(execution, instance.getInstanceId(), null, null));
                    }
                }
            }
        }
        found.sort(Comparator.comparing(JobExecutionView::createdAt, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
                .thenComparingLong(JobExecutionView::id).reversed());
        return found.size() > limit ? List.copyOf(found.subList(0, limit)) : found;
    }

    /** Every job with its schedule, next run and latest execution. */
    public List<JobView> jobs() {
        Map<String, Schedule> schedules = Schedule.all(ConfigProvider.getConfig());
        Instant now = Instant.now();
        List<JobView> views = new ArrayList<>();
        for (JobDefinition job : JobCatalog.all()) {
            Schedule schedule = schedules.get(job.name());
            List<JobExecutionView> last = executions(job.name(), null, 1);
            views.add(new JobView(job.name(), job.description(),
                    job.parameters().stream().map(JobView.ParameterView::of).toList(),
                    schedule == null ? null : schedule.expression(),
                    schedule == null || schedule.cron() == null ? null : schedule.cron().next(now),
                    schedule == null ? null : schedule.problem(),
                    last.isEmpty() ? null : last.get(0)));
        }
        return views;
    }

    private List<JobInstance> instances(String job, int limit) {
        try {
            return operator().getJobInstances(job, 0, limit);
        } catch (NoSuchJobException neverRun) {
            return List.of();
        }
    }

    private JobExecution find(long id) {
        try {
            return operator().getJobExecution(id);
        } catch (NoSuchJobExecutionException | JobSecurityException e) {
            throw notFound(id);
        }
    }

    private static ProblemException notFound(long id) {
        return ProblemException.notFound("no job execution " + id);
    }

    private static BatchStatus status(String text) {
        try {
            return BatchStatus.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("status", "status must be one of " + Arrays.toString(BatchStatus.values()));
        }
    }

    private static Properties properties(Map<String, String> values, String startedBy) {
        Properties properties = new Properties();
        values.forEach(properties::setProperty);
        properties.setProperty(JobCatalog.STARTED_BY, startedBy);
        return properties;
    }
}
