/**
 * The {@code maintenance} job: in-place table compression and statistics refresh for the large tables
 * (Derby's system procedures, PostgreSQL's VACUUM and ANALYZE), and the purge of past schedule firings' leases.
 */
package io.promptwatch.reports.maintenance;
