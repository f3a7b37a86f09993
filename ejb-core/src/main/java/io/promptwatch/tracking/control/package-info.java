/** Parsing and validating records, privacy filtering and PII redaction, the guarded write. */
package io.promptwatch.tracking.control;
