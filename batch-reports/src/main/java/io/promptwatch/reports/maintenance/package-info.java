/**
 * The {@code maintenance} job: in-place table compression and statistics refresh for the large tables
 * (Derby's system procedures, PostgreSQL's VACUUM and ANALYZE), the purge of past schedule firings'
 * leases and of stored reports past {@code promptwatch.reports.retention-days}.
 */
package io.promptwatch.reports.maintenance;
