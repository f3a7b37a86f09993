/**
 * What the batch jobs and the reports API call: {@code DailyReports} and {@code ComprehensiveReports},
 * which read the other components' boundaries, and {@code StoredReports}, which keeps their renderings.
 */
package io.promptwatch.reporting.boundary;
