/** The rollup windows and the metric values the API answers for a set of records. */
package io.promptwatch.metrics.entity;
