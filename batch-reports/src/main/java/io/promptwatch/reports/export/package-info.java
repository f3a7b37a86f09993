/**
 * The {@code export} job: the raw records of a selection, read in id order through tracking's
 * boundary and written as gzip-compressed CSV or JSON Lines, one gzip member per chunk, restartable
 * from its last chunk without doubling a record.
 */
package io.promptwatch.reports.export;
