/**
 * Reporting: the content of the daily report per prompt and of the comprehensive report over all
 * prompts (SPEC §6), read from the rollups through the metrics boundary, and its Markdown, HTML and
 * JSON renderings, and the stored reports (table report) that the batch jobs write and the reports
 * API serves. The batch jobs that schedule, store and send reports call this component.
 */
package io.promptwatch.reporting;
