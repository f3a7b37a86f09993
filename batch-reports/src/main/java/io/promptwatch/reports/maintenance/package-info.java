/**
 * The {@code maintenance} job: Derby's in-place table compression and statistics refresh for the
 * large tables, the purge of past schedule firings' leases and of stored reports past
 * {@code promptwatch.reports.retention-days}.
 */
package io.promptwatch.reports.maintenance;
