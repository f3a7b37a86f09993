/**
 * Analyses on stored records or explicit data, and the calculators other components use: power
 * analysis, p-value adjustment, the sequential evaluation of experiments.
 */
package io.promptwatch.statistics.boundary;
