/**
 * The batch jobs over HTTP: start, watch, stop and restart executions ({@code /jobs}), download
 * finished exports ({@code /exports}); the work is batch-reports' {@code io.promptwatch.reports.jobs.Jobs}.
 */
package io.promptwatch.api.jobs;
