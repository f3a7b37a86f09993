/**
 * API keys and roles (SPEC §7): keys are random secrets shown once and stored only as SHA-256
 * hashes; roles are ingest, viewer, operator and admin. Keys may expire and be rotated with a
 * grace period, and are held to per-key rate limits for ingest and analysis.
 */
package io.promptwatch.security;
