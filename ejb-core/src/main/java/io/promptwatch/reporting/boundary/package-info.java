/**
 * What the batch jobs and the reports API call: {@code DailyReports} and {@code ComprehensiveReports},
 * which read the other components' boundaries, and {@code StoredReports}, which keeps their renderings, and {@code ReportSubscriptions}, which
 * sends each stored report's digest to alerting's channels.
 */
package io.promptwatch.reporting.boundary;
