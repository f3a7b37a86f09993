package io.promptwatch.registry.entity;

import io.promptwatch.problem.ProblemException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A version's own alert thresholds, the {@code alert_thresholds} block of its deployment
 * specification (seed 002): per metric, the limit of the warning and of the critical rules, e.g.
 * {@code {"error_rate":{"warning":0.03,"critical":0.05},"latency_p95":{"critical":3000}}}. A rule
 * on that metric with that severity compares the version with this limit instead of its own
 * threshold or baseline factor. The metric names are the alert rules' ({@link #METRICS}); checked
 * when the version is registered, so that a typo is refused, not silently ignored.
 */
public final class AlertThresholds {

    /** The metrics a threshold may name: those of the alert rules (AlertMetric's labels). */
    public static final List<String> METRICS = List.of("error_rate", "success_rate", "latency_p50", "latency_p95",
            "latency_p99", "avg_feedback", "avg_quality", "cost_per_execution", "volume", "calibration_drift");
    private static final List<String> SEVERITIES = List.of("warning", "critical");
    private static final AlertThresholds NONE = new AlertThresholds(Map.of());

    private final Map<String, Double> limits;

    private AlertThresholds(Map<String, Double> limits) {
        this.limits = limits;
    }

    /** Parses and checks a specification's thresholds ({@code null} or {@code {}}: none), naming the field at fault. */
    public static AlertThresholds parse(String json) {
        if (json == null || json.isBlank()) {
            return NONE;
        }
        JsonValue value;
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            value = reader.readValue();
        } catch (JsonException e) {
            throw ProblemException.invalid("thresholds", "is not JSON");
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw ProblemException.invalid("thresholds", "an object of metrics, e.g. {\"error_rate\":{\"critical\":0.05}}");
        }
        Map<String, Double> limits = new HashMap<>();
        for (Map.Entry<String, JsonValue> metric : value.asJsonObject().entrySet()) {
            String field = "thresholds." + metric.getKey();
            if (!METRICS.contains(metric.getKey())) {
                throw ProblemException.invalid(field, "unknown metric; one of " + String.join(", ", METRICS));
            }
            if (metric.getValue().getValueType() != JsonValue.ValueType.OBJECT) {
                throw ProblemException.invalid(field, "an object with warning and/or critical limits");
            }
            JsonObject bySeverity = metric.getValue().asJsonObject();
            for (Map.Entry<String, JsonValue> limit : bySeverity.entrySet()) {
                String at = field + "." + limit.getKey();
                if (!SEVERITIES.contains(limit.getKey())) {
                    throw ProblemException.invalid(at, "a threshold is for 'warning' or 'critical'");
                }
                if (!(limit.getValue() instanceof JsonNumber number) || !Double.isFinite(number.doubleValue())) {
                    throw ProblemException.invalid(at, "must be a finite number");
                }
                limits.put(metric.getKey() + "|" + limit.getKey(), number.doubleValue());
            }
        }
        return new AlertThresholds(Map.copyOf(limits));
    }

    /** The version's limit for rules on {@code metric} of {@code severity} (labels), {@code null} when it sets none. */
    public Double limit(String metric, String severity) {
        return limits.get(metric + "|" + severity);
    }
}
