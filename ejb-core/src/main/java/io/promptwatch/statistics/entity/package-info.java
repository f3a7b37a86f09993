/** Data the analyses take in from callers: a time series point. */
package io.promptwatch.statistics.entity;
