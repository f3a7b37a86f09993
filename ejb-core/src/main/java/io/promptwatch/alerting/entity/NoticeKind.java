package io.promptwatch.alerting.entity;

/**
 * Why a message goes out. Receivers route on it (the webhook's {@code event} is derived from it), so
 * a new kind is a new event name for every integration: add one only for a new reason to speak.
 */
public enum NoticeKind {
    /** A rule's condition became true and an alert opened. */
    FIRING,
    /** The alert is still firing after the rule's {@code repeatAfter}. */
    REPEAT,
    /** Nobody acknowledged the alert within {@code escalateAfter}; sent to the escalation channels. */
    ESCALATION,
    /** The condition has been clear for a full window, or an operator resolved the alert. */
    RESOLVED,
    /** The version was switched back automatically. */
    ROLLBACK,
    /** A rollback was due but a safeguard (spacing, daily limit, missing reference) stopped it. */
    MANUAL_INTERVENTION,
    /** {@code POST /channels/{id}/test}: proves the channel works; there is no alert behind it. */
    TEST
}
