/** Alert rules and notification channels over HTTP; the alerting component in ejb-core does the work. */
package io.promptwatch.api.alerting;
