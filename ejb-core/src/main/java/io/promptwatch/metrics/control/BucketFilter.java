package io.promptwatch.metrics.control;

import java.util.List;

/** Which buckets a query reads: one breakdown, and of its buckets those matching the fields (null: any). */
public record BucketFilter(Breakdown breakdown, List<String> promptIds, String version, String model, String domain) {
}
