/** Sticky weighted assignment of subjects to an experiment's arms. */
package io.promptwatch.experiments.control;
