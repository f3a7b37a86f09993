/** Data the analyses take in and decide: a time series point, an experiment decision. */
package io.promptwatch.statistics.entity;
