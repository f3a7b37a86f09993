package io.promptwatch.metrics.control;

import java.util.List;

/** Which buckets a query reads; a null field matches everything. */
public record BucketFilter(List<String> promptIds, String version, String model, String domain) {
}
