/**
 * The stored reports over HTTP ({@code /reports}): listed by prompt, type and period, each served as
 * Markdown, HTML or JSON by {@code Accept} or {@code ?format}; the reports are reporting's
 * {@code StoredReports}, written by the daily-report and comprehensive-report jobs; and the digest
 * subscriptions ({@code /report-subscriptions}) that send each stored report to alerting's channels.
 */
package io.promptwatch.api.reports;
