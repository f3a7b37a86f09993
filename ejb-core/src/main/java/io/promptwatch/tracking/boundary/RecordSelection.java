package io.promptwatch.tracking.boundary;

import io.promptwatch.problem.ProblemException;
import java.time.Instant;
import java.util.List;

/**
 * Which stored records an analysis reads: one prompt, two or more groups (versions or template
 * ids, the first being the control), optionally one model and a time range [from, to).
 */
public record RecordSelection(String promptId, GroupBy groupBy, List<String> groups, String model, Instant from, Instant to) {

    /** What the groups are. */
    public enum GroupBy {
        VERSION("version"), TEMPLATE("template_id");

        /** The column of table {@code execution}. */
        final String column;

        GroupBy(String column) {
            this.column = column;
        }
    }

    public RecordSelection {
        if (promptId == null || promptId.isBlank()) {
            throw ProblemException.invalid("selection.promptId", "a selection needs a promptId");
        }
        if (groups == null || groups.size() < 2 || groups.stream().distinct().count() != groups.size()) {
            throw ProblemException.invalid("selection.versions",
                    "a selection needs two or more distinct versions (or templateIds), the first being the control");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw ProblemException.invalid("selection.to", "to must lie after from");
        }
        groups = List.copyOf(groups);
    }
}
