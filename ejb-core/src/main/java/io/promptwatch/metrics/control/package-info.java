/**
 * Buckets with their sketches, the choice of window for a range, retention, and the bucket store
 * with its lock order.
 */
package io.promptwatch.metrics.control;
