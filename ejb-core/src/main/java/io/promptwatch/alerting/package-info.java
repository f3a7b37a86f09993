/**
 * Alerting: rules evaluated on the rollups, alerts and their lifecycle, channels that carry the
 * notifications, and the automatic rollback of a failing version within its safeguards.
 */
package io.promptwatch.alerting;
