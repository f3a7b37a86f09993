/**
 * The prompt registry: prompts, their immutable versions and the lifecycle
 * draft → staged → active → deprecated, with an audit event for every change (SPEC §1).
 */
package io.promptwatch.registry;
