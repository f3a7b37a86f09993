/**
 * Promptwatch's Jakarta Batch jobs (SPEC §6), their job XML ({@code META-INF/batch-jobs}), their
 * control and their schedules. A library of the WAR (batch-reports/pom.xml says why); the jobs reach
 * the data through ejb-core's boundaries, or through the pool's DataSource for whole-database work
 * (backup, maintenance). One package per job, and {@code jobs} for control and schedules.
 */
package io.promptwatch.reports;
