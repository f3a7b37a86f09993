package io.promptwatch.reports.jobs;

import io.promptwatch.problem.ProblemException;
import io.promptwatch.registry.entity.PromptSlug;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The jobs Promptwatch runs, by name. A job is startable when it is listed here and its job XML is in
 * {@code META-INF/batch-jobs} (JobCatalogTest checks both ways); a schedule setting for a name not
 * listed here is skipped with a log line. New jobs (archive ...) add their definition here.
 */
public final class JobCatalog {

    /** Reserved parameter: who started an execution (a key's name, or "schedule"); never sent by a client. */
    public static final String STARTED_BY = "startedBy";

    /** The longest comprehensive report, in days (the reporting component refuses a longer one too). */
    static final String COMPREHENSIVE_MAX_DAYS = "promptwatch.reporting.comprehensive.max-days";

    private static final List<JobDefinition> DEFINITIONS = List.of(
            new JobDefinition("backup", "Online backup of the Derby database into a zip file under the backup directory; "
                    + "keeps the newest promptwatch.jobs.backup.keep", List.of()),
            new JobDefinition("maintenance", "Compresses the large tables in place, refreshes their index statistics and "
                    + "purges expired schedule leases and stored reports past promptwatch.reports.retention-days", List.of()),
            new JobDefinition("export", "Raw records of a selection as gzip-compressed CSV or JSON Lines under the export "
                    + "directory, downloadable from GET /api/v1/exports/{executionId}; restartable from its last chunk",
                    List.of(JobParameter.text("promptId", "only this prompt's records (default: every prompt)", 64),
                            JobParameter.instant("from", "records at or after this instant"),
                            JobParameter.instant("to", "records before this instant"),
                            JobParameter.choice("format", "csv or jsonl", "csv", "jsonl"),
                            JobParameter.wholeNumber("chunkSize", "records per chunk (transaction and checkpoint)", 500, 1, 10_000)
                                    .alsoOnRestart()),
                    values -> {
                        if (values.containsKey("from") && values.containsKey("to")
                                && !Instant.parse(values.get("from")).isBefore(Instant.parse(values.get("to")))) {
                            throw ProblemException.invalid("to", "to must lie after from");
                        }
                    }),
            new JobDefinition("daily-report", "The daily report of each prompt with records on a UTC day (or of one prompt), "
                    + "rendered as Markdown, HTML and JSON and stored for GET /api/v1/reports; a rerun replaces the day's "
                    + "reports; restartable from the last prompt it stored",
                    List.of(JobParameter.dayBefore("date", "the UTC day reported, YYYY-MM-DD (default: yesterday, "
                                    + "the day before the start)", JobParameter::todayUtc),
                            JobParameter.text("promptId", "only this prompt, reported even without records "
                                    + "(default: every prompt with records that day)", 64))),
            new JobDefinition("comprehensive-report", "The comprehensive report over all prompts for the last days whole "
                    + "UTC days, stored for GET /api/v1/reports; a rerun on the same day replaces it",
                    List.of(JobParameter.wholeNumber("days", "whole UTC days before today covered (at most "
                            + COMPREHENSIVE_MAX_DAYS + ")", 7, 1, JobCatalog::comprehensiveMaxDays, COMPREHENSIVE_MAX_DAYS))),
            new JobDefinition("archive", "Records of the months that ended before the hot horizon (promptwatch.archive.hot-days) "
                    + "move to gzip JSON Lines files under the archive directory, one per prompt and month with a manifest; "
                    + "the rollups stay, so metrics do not change; restartable",
                    List.of(JobParameter.instant("before", "the hot horizon instead of now minus promptwatch.archive.hot-days: "
                                    + "months that ended by it are archived"),
                            JobParameter.text("promptId", "only this prompt's records (default: every prompt)", 64),
                            JobParameter.wholeNumber("batchSize", "rows deleted per transaction", 500, 1, 10_000).alsoOnRestart())),
            new JobDefinition("restore", "A prompt's archived month back into the execution table under the records' own ids, "
                    + "each part checked against its manifest first; a record stored already is left out",
                    List.of(JobParameter.text("promptId", "the prompt (required)", 64),
                            JobParameter.month("month", "the month, yyyy-MM (required)")),
                    values -> {
                        for (String required : List.of("promptId", "month")) {
                            if (!values.containsKey(required)) {
                                throw ProblemException.invalid(required, required + " is required");
                            }
                        }
                        PromptSlug.require("promptId", values.get("promptId"));
                    }));

    private JobCatalog() {
    }

    private static long comprehensiveMaxDays() {
        return ConfigProvider.getConfig().getValue(COMPREHENSIVE_MAX_DAYS, Long.class);
    }

    public static List<JobDefinition> all() {
        return DEFINITIONS;
    }

    public static Optional<JobDefinition> find(String name) {
        return DEFINITIONS.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    /** The definition of {@code name}, or a 404 problem listing the jobs there are. */
    public static JobDefinition require(String name) {
        return find(name).orElseThrow(() -> ProblemException.notFound("no job named '" + name + "'; the jobs are "
                + String.join(", ", DEFINITIONS.stream().map(JobDefinition::name).toList())));
    }

    /**
     * The parameters {@code job} runs with: every given one checked (an unknown name or a bad value is
     * a 400 naming it), defaults filled in, in the order the definition lists them.
     */
    public static Map<String, String> parameters(JobDefinition job, Map<String, String> given) {
        for (String name : given.keySet()) {
            if (job.parameter(name).isEmpty()) {
                throw ProblemException.invalid(name, job.parameters().isEmpty() ? "job " + job.name() + " takes no parameters"
                        : "job " + job.name() + " takes no parameter '" + name + "'; it takes "
                        + String.join(", ", job.parameters().stream().map(JobParameter::name).toList()));
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (JobParameter parameter : job.parameters()) {
            String value = given.get(parameter.name());
            if (value != null) {
                values.put(parameter.name(), parameter.check().apply(value));
            } else if (parameter.defaultValue() != null) {
                values.put(parameter.name(), parameter.defaultValue());
            } else if (parameter.defaultAtStart() != null) {
                values.put(parameter.name(), parameter.defaultAtStart().get());
            }
        }
        job.together().accept(values);
        return values;
    }
}
