/** The cached, immutable snapshot of a prompt that the hot paths (active, ingest) read. */
package io.promptwatch.registry.control;
