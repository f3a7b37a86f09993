package io.promptwatch.reports.jobs;

import java.time.Instant;
import java.util.List;

/**
 * A job as {@code GET /jobs} lists it: what it does and takes, its schedule setting (null: none;
 * {@code scheduleProblem} says why a set one does not run) with the next firing, and its latest execution.
 */
public record JobView(String name, String description, List<ParameterView> parameters, String schedule, Instant nextRun,
                      String scheduleProblem, JobExecutionView lastExecution) {

    public record ParameterView(String name, String description, String defaultValue, boolean changeableOnRestart) {
        static ParameterView of(JobParameter p) {
            return new ParameterView(p.name(), p.description(), p.defaultValue(), p.changeableOnRestart());
        }
    }
}
