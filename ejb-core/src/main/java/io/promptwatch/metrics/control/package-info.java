/** Windows, buckets with their sketches, the rollup worker and the bucket store. */
package io.promptwatch.metrics.control;
