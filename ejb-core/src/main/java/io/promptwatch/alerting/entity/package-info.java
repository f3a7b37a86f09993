/** Alerting's data: rules, alerts, notifications, channels, rollback records and their vocabularies. */
package io.promptwatch.alerting.entity;
