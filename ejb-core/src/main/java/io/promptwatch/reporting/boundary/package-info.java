/** What the batch jobs call: {@code DailyReports} and {@code ComprehensiveReports}, which read the other components' boundaries. */
package io.promptwatch.reporting.boundary;
