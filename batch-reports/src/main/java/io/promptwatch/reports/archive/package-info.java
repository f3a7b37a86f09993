/**
 * The {@code archive} and {@code restore} jobs: old records leave the execution table for one gzip
 * JSON Lines file per prompt and month (with a manifest), written and verified before a row is
 * deleted, and come back under their own ids. The rollups are not touched, so no metric changes.
 */
package io.promptwatch.reports.archive;
