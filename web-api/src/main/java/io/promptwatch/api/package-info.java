/**
 * The REST boundary under {@code /api/v1}: resources translate HTTP to calls on ejb-core's
 * boundaries and answers (errors included, as problem+json) back to HTTP.
 */
package io.promptwatch.api;
