/**
 * Prompts, versions, the lifecycle state machine, privacy modes and audit events with their
 * invariants; the immutable snapshot other components read.
 */
package io.promptwatch.registry.entity;
