package io.promptwatch.registry.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.promptwatch.problem.ProblemException;
import org.junit.jupiter.api.Test;

class AlertThresholdsTest {

    @Test
    void theSpecificationsLimitsAreFoundByMetricAndSeverity() {
        AlertThresholds t = AlertThresholds.parse("{\"error_rate\":{\"warning\":0.03,\"critical\":0.05},\"latency_p95\":{\"critical\":3000}}");
        assertEquals(0.03, t.limit("error_rate", "warning"));
        assertEquals(0.05, t.limit("error_rate", "critical"));
        assertEquals(3000.0, t.limit("latency_p95", "critical"));
        assertNull(t.limit("latency_p95", "warning"));
        assertNull(AlertThresholds.parse(null).limit("error_rate", "critical"));
        assertNull(AlertThresholds.parse("{}").limit("error_rate", "critical"));
    }

    @Test
    void aTypoIsRefusedNamingItsPlace() {
        assertEquals("thresholds.errorRate", field("{\"errorRate\":0.05}"));
        assertEquals("thresholds.error_rate", field("{\"error_rate\":0.05}"));
        assertEquals("thresholds.error_rate.severe", field("{\"error_rate\":{\"severe\":0.05}}"));
        assertEquals("thresholds.error_rate.critical", field("{\"error_rate\":{\"critical\":\"high\"}}"));
        assertEquals("thresholds", field("[1]"));
    }

    private static String field(String json) {
        return assertThrows(ProblemException.class, () -> AlertThresholds.parse(json)).field();
    }
}
