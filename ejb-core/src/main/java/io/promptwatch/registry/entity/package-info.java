/** Prompts, versions, the lifecycle state machine and the audit events, with their invariants. */
package io.promptwatch.registry.entity;
