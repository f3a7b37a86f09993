/**
 * The {@code backup} job: an online, zipped copy of the Derby database, the newest few kept; a
 * backup unzipped into an empty data directory is the database (README "Reports and archives").
 */
package io.promptwatch.reports.backup;
