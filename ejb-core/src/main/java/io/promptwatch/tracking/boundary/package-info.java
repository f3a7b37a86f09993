/** Ingest of execution records and queries over them. */
package io.promptwatch.tracking.boundary;
