package io.promptwatch.alerting.entity;

import java.time.Duration;

/** What one evaluation saw of a rule on a version: the value, the limit it was held against, the records behind it. */
public record Observation(Double value, Double limit, long samples, Duration window) {
}
