/** Issuing, listing, revoking and checking API keys, and the first admin key at deployment. */
package io.promptwatch.security.boundary;
