package io.promptwatch.reports.jobs;

import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.StepExecution;
import java.time.Instant;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A job execution as the API answers it: the batch runtime's own record, with the steps' counts
 * from their metrics ({@code steps} is null in listings, which read no step records), and while a long
 * step runs on this server how far it has come ({@code progress}, {@link JobProgress}; null otherwise).
 */
public record JobExecutionView(long id, String jobName, long instanceId, String status, String exitStatus,
                               Instant createdAt, Instant startedAt, Instant endedAt, Instant updatedAt,
                               Map<String, String> parameters, List<StepView> steps, JobProgress.Progress progress) {

    /** One step: its status and what it read, wrote, skipped and committed (batchlets count nothing). */
    public record StepView(long id, String name, String status, String exitStatus, Instant startedAt, Instant endedAt,
                           long readCount, long writeCount, long commitCount, long rollbackCount, long readSkipCount,
                           long processSkipCount, long writeSkipCount, long filterCount) {

        static StepView of(StepExecution step) {
            Map<Metric.MetricType, Long> m = new EnumMap<>(Metric.MetricType.class);
            if (step.getMetrics() != null) {
                for (Metric metric : step.getMetrics()) {
                    m.put(metric.getType(), metric.getValue());
                }
            }
            return new StepView(step.getStepExecutionId(), step.getStepName(), String.valueOf(step.getBatchStatus()),
                    step.getExitStatus(), instant(step.getStartTime()), instant(step.getEndTime()),
                    m.getOrDefault(Metric.MetricType.READ_COUNT, 0L), m.getOrDefault(Metric.MetricType.WRITE_COUNT, 0L),
                    m.getOrDefault(Metric.MetricType.COMMIT_COUNT, 0L), m.getOrDefault(Metric.MetricType.ROLLBACK_COUNT, 0L),
                    m.getOrDefault(Metric.MetricType.READ_SKIP_COUNT, 0L), m.getOrDefault(Metric.MetricType.PROCESS_SKIP_COUNT, 0L),
                    m.getOrDefault(Metric.MetricType.WRITE_SKIP_COUNT, 0L), m.getOrDefault(Metric.MetricType.FILTER_COUNT, 0L));
        }
    }

    static JobExecutionView of(JobExecution e, long instanceId, List<StepView> steps, JobProgress.Progress progress) {
        Map<String, String> parameters = new TreeMap<>();
        Properties p = e.getJobParameters();
        if (p != null) {
            p.stringPropertyNames().forEach(name -> parameters.put(name, p.getProperty(name)));
        }
        return new JobExecutionView(e.getExecutionId(), e.getJobName(), instanceId, String.valueOf(e.getBatchStatus()),
                e.getExitStatus(), instant(e.getCreateTime()), instant(e.getStartTime()), instant(e.getEndTime()),
                instant(e.getLastUpdatedTime()), parameters, steps, progress);
    }

    static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
