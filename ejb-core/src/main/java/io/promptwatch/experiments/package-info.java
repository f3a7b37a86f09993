/**
 * Experiments (SPEC §5): a declared comparison of a prompt's versions, served by sticky
 * server-side assignment and watched with always-valid (mSPRT) results until a decision.
 */
package io.promptwatch.experiments;
