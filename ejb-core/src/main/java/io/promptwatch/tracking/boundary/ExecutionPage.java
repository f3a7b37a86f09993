package io.promptwatch.tracking.boundary;

import io.promptwatch.tracking.entity.Execution;
import java.util.List;

/** One page of executions, newest first, and the cursor of the next page ({@code null} at the end). */
public record ExecutionPage(List<Execution> items, String nextCursor) {
}
