/** Sticky weighted assignment and the sequential evaluation of an experiment's arms. */
package io.promptwatch.experiments.control;
