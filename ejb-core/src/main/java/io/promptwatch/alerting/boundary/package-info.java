/** What the API and the timer call: rules, channels, alerts, the evaluator and rollbacks. */
package io.promptwatch.alerting.boundary;
