/**
 * The {@code daily-report} and {@code comprehensive-report} jobs: reports built, rendered and stored
 * through reporting's boundary ({@code StoredReports}), one row per report key, so that a rerun or a
 * restart replaces rather than doubles.
 */
package io.promptwatch.reports.reporting;
