/**
 * Issuing, listing, rotating, revoking and checking API keys, writing when they were last used,
 * holding them to their rate limits, and the first admin key at deployment.
 */
package io.promptwatch.security.boundary;
