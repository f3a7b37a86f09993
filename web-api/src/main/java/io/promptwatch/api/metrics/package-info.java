/** Windowed metrics over HTTP: series, comparison tables and the rollups' progress. */
package io.promptwatch.api.metrics;
