/**
 * The cache of prompt snapshots that the hot paths (active version, ingest) read, dropped on every
 * registry change.
 */
package io.promptwatch.registry.control;
