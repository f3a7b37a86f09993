/** The analysis resource: compare, sample size, p-value adjustment. */
package io.promptwatch.api.statistics;
