/**
 * The pure decisions behind alert rules: rule windows and their cover by rollup buckets, the seasonal
 * baseline of the anomaly comparison, and the safeguards that limit automatic rollbacks.
 */
package io.promptwatch.alerting.control;
