package io.promptwatch.alerting.entity;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One check of the health overview: its name, how it stands, a sentence for people and the
 * figures behind it (numbers, words and ISO-8601 instants as text, in a stable order).
 */
public record HealthCheckResult(String name, State state, String detail, Map<String, Object> figures) {

    /** How a check stands; its JSON is the lower-case name. */
    public enum State {
        /** Working. */
        UP,
        /** Working, but someone should look: the overview is degraded. */
        WARNING,
        /** Not working: the overview is unhealthy. */
        DOWN,
        /** Not applicable here (the evaluator switched off): counts for nothing. */
        SKIPPED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public HealthCheckResult {
        figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures == null ? Map.of() : figures));
    }
}
