package io.promptwatch.alerting.entity;

/** How loud an alert is; its JSON is the lower-case name. */
public enum Severity {
    WARNING, CRITICAL;

    public String label() {
        return name().toLowerCase();
    }
}
