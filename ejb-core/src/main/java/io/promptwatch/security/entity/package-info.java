/**
 * Stored API keys (hashes only, expiry, rotation, own rate limits), the roles with what each
 * implies, the identity a key proves, and the rule that picks a key's rate limit.
 */
package io.promptwatch.security.entity;
