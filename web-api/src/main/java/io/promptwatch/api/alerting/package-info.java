/** Alerting over HTTP: rules, channels, alerts and rollbacks. */
package io.promptwatch.api.alerting;
