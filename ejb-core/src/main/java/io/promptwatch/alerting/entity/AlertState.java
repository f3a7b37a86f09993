package io.promptwatch.alerting.entity;

/** An alert's lifecycle: firing until an operator acknowledges it or it resolves (by itself or by an operator). */
public enum AlertState {
    FIRING, ACKNOWLEDGED, RESOLVED;

    public String label() {
        return name().toLowerCase();
    }
}
