/**
 * Parsing and validating records, privacy filtering and PII redaction, the group-commit writer and
 * the record store.
 */
package io.promptwatch.tracking.control;
