/** Alerting over HTTP: rules, channels, alerts, rollbacks, calibration and the health overview. */
package io.promptwatch.api.alerting;
