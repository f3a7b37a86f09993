package io.promptwatch.alerting.entity;

/** What a firing rule does besides existing: notify, roll the version back, flag it for a person's review. */
public enum RuleAction {
    ALERT, AUTO_ROLLBACK, FLAG_FOR_REVIEW;

    public String label() {
        return name().toLowerCase();
    }
}
