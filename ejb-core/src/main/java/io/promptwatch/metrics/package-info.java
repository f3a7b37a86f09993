/** Windowed metrics (SPEC §3): rollups of execution records per window, kept up to date and purged. */
package io.promptwatch.metrics;
