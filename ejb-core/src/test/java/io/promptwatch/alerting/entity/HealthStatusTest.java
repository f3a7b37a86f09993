package io.promptwatch.alerting.entity;

import static io.promptwatch.alerting.entity.HealthCheckResult.State.DOWN;
import static io.promptwatch.alerting.entity.HealthCheckResult.State.SKIPPED;
import static io.promptwatch.alerting.entity.HealthCheckResult.State.UP;
import static io.promptwatch.alerting.entity.HealthCheckResult.State.WARNING;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The overview's rules (issue 18, "Health"): any check down → unhealthy; a warning or an open critical alert → degraded. */
class HealthStatusTest {

    @Test
    void allUpIsHealthySkippedCountsForNothing() {
        assertEquals(HealthStatus.HEALTHY, HealthStatus.of(List.of(UP, UP, SKIPPED), false));
        assertEquals(HealthStatus.HEALTHY, HealthStatus.of(List.of(), false));
    }

    @Test
    void aWarningOrAnOpenCriticalAlertDegrades() {
        assertEquals(HealthStatus.DEGRADED, HealthStatus.of(List.of(UP, WARNING), false));
        assertEquals(HealthStatus.DEGRADED, HealthStatus.of(List.of(UP, UP), true));
    }

    @Test
    void anyDownIsUnhealthyWhateverElse() {
        assertEquals(HealthStatus.UNHEALTHY, HealthStatus.of(List.of(UP, DOWN), false));
        assertEquals(HealthStatus.UNHEALTHY, HealthStatus.of(List.of(WARNING, DOWN, SKIPPED), true));
    }

    @Test
    void jsonWords() {
        assertEquals("degraded", HealthStatus.DEGRADED.label());
        assertEquals("warning", WARNING.label());
        assertEquals("skipped", SKIPPED.label());
    }
}
