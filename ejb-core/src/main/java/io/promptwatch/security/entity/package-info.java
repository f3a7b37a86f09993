/** Stored API keys (hashes only) and the roles with what each implies. */
package io.promptwatch.security.entity;
