/**
 * The {@code maintenance} job: Derby's in-place table compression and statistics refresh for the
 * large tables, and the purge of past schedule firings' leases.
 */
package io.promptwatch.reports.maintenance;
