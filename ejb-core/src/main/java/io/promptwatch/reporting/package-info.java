/**
 * Reporting: the content of the daily report per prompt and of the comprehensive report over all
 * prompts (SPEC §6), read from the rollups through the metrics boundary, and its Markdown, HTML and
 * JSON renderings. The batch jobs that schedule, store and send reports call this component.
 */
package io.promptwatch.reporting;
