/** Stored API keys (hashes only), the roles with what each implies, and the identity a key proves. */
package io.promptwatch.security.entity;
