/** The work behind alerting: windows and baselines, deliveries, safeguards. */
package io.promptwatch.alerting.control;
