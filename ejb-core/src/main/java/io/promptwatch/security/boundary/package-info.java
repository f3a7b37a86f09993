/** Issuing, listing, revoking and checking API keys. */
package io.promptwatch.security.boundary;
