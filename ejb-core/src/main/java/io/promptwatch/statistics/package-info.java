/**
 * Statistics for comparing prompt versions (SPEC §5): two-sample tests, effect sizes,
 * multiple-comparison correction and power analysis.
 */
package io.promptwatch.statistics;
