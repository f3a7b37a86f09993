package io.promptwatch.reports.jobs;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;

/**
 * A job's schedule as its setting {@code promptwatch.jobs.<job>.schedule} gives it: a cron expression
 * in UTC, or a reason it does not run ({@code problem}: not a cron expression, or no such job).
 * Every setting of that shape is a schedule, so a schedule can be set before its job exists.
 */
public record Schedule(String job, String expression, Cron cron, String problem) {

    private static final Pattern SETTING = Pattern.compile("promptwatch\\.jobs\\.([a-z0-9][a-z0-9-]*)\\.schedule");

    public static String setting(String job) {
        return "promptwatch.jobs." + job + ".schedule";
    }

    /**
     * Every schedule set (an empty setting is none), by job name: the settings of that shape, and those
     * of the catalog's jobs by name (an environment variable such as PROMPTWATCH_JOBS_EXPORT_SCHEDULE is
     * not listed under the property's name).
     */
    public static Map<String, Schedule> all(Config config) {
        Set<String> jobs = new TreeSet<>();
        for (String name : config.getPropertyNames()) {
            Matcher m = SETTING.matcher(name);
            if (m.matches()) {
                jobs.add(m.group(1));
            }
        }
        JobCatalog.all().forEach(job -> jobs.add(job.name()));
        Map<String, Schedule> schedules = new TreeMap<>();
        for (String job : jobs) {
            of(job, config.getOptionalValue(setting(job), String.class)).ifPresent(s -> schedules.put(s.job(), s));
        }
        return schedules;
    }

    static Optional<Schedule> of(String job, Optional<String> value) {
        String expression = value.map(String::trim).orElse("");
        if (expression.isEmpty()) {
            return Optional.empty();
        }
        if (JobCatalog.find(job).isEmpty()) {
            return Optional.of(new Schedule(job, expression, null, "there is no job named '" + job + "' (yet)"));
        }
        try {
            return Optional.of(new Schedule(job, expression, Cron.parse(expression), null));
        } catch (IllegalArgumentException e) {
            return Optional.of(new Schedule(job, expression, null, e.getMessage()));
        }
    }

    /** The lease a firing of this schedule at {@code scheduledFor} takes: one server of several runs it. */
    public String lease(java.time.Instant scheduledFor) {
        return "job:" + job + ":" + scheduledFor;
    }
}
