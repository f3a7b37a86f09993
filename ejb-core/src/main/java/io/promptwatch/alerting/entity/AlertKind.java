package io.promptwatch.alerting.entity;

/**
 * Why an alert exists: a rule held on a version, or an automatic rollback was due and a safeguard
 * (or a missing rollback reference) stopped it, so a person has to act.
 */
public enum AlertKind {
    RULE, MANUAL_INTERVENTION;

    public String label() {
        return name().toLowerCase();
    }
}
