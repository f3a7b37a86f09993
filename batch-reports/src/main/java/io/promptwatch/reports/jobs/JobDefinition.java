package io.promptwatch.reports.jobs;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A job the API and the schedules may start: its name (the id of its job XML in
 * {@code META-INF/batch-jobs}), what it does, its parameters and a check of them together.
 *
 * @param together refuses a combination of valid values (an export's {@code from} after its {@code to})
 */
public record JobDefinition(String name, String description, List<JobParameter> parameters,
                            Consumer<Map<String, String>> together) {

    public JobDefinition(String name, String description, List<JobParameter> parameters) {
        this(name, description, parameters, values -> { });
    }

    public Optional<JobParameter> parameter(String parameterName) {
        return parameters.stream().filter(p -> p.name().equals(parameterName)).findFirst();
    }
}
