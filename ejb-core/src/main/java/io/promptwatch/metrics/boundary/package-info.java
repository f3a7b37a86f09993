/** Metric queries answered from the rollups: series, period summaries, comparison tables. */
package io.promptwatch.metrics.boundary;
