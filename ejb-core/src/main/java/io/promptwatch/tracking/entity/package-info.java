/**
 * The stored execution record, its compact idempotency key, why a field was refused, and the
 * feedback-change event.
 */
package io.promptwatch.tracking.entity;
