/**
 * Execution tracking (SPEC §2): validating, privacy-filtering and storing one record per
 * execution of a prompt version, idempotently by execution id, and reading records back.
 */
package io.promptwatch.tracking;
