/**
 * Job control: which jobs exist and what they take ({@code JobCatalog}), starting, stopping,
 * restarting and reading executions through the batch runtime ({@code Jobs}, for the API and the
 * schedules alike), and the schedules from the settings with their once-per-firing lease.
 */
package io.promptwatch.reports.jobs;
