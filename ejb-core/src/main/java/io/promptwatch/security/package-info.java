/**
 * API keys and roles (SPEC §7): keys are random secrets shown once and stored only as SHA-256
 * hashes; roles are ingest, viewer, operator and admin.
 */
package io.promptwatch.security;
