package io.promptwatch.alerting.entity;

import java.util.Collection;

/** The health overview's verdict; its JSON is the lower-case name. */
public enum HealthStatus {
    HEALTHY, DEGRADED, UNHEALTHY;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Any check down: unhealthy (something does not work). Else any warning, or an open critical
     * alert (a version misbehaves even if every part of Promptwatch works): degraded. Else healthy.
     * Skipped checks count for nothing.
     */
    public static HealthStatus of(Collection<HealthCheckResult.State> states, boolean openCriticalAlert) {
        if (states.contains(HealthCheckResult.State.DOWN)) {
            return UNHEALTHY;
        }
        return states.contains(HealthCheckResult.State.WARNING) || openCriticalAlert ? DEGRADED : HEALTHY;
    }
}
