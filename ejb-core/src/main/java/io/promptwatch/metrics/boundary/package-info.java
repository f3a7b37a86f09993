/**
 * Metric queries answered from the rollups (series, period summaries, comparison tables, rollup
 * progress) and the timers that keep the rollups up to date.
 */
package io.promptwatch.metrics.boundary;
