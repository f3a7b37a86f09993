/** Comparisons and power analysis on stored records or on explicit data, with their conventions. */
package io.promptwatch.statistics.boundary;
