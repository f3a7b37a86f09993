package io.promptwatch.api.tracking;

import io.promptwatch.alerting.entity.HealthCheckResult;
import io.promptwatch.alerting.entity.HealthCheckResult.State;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.metrics.Gauge;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * The state of {@link GuardedIngest}'s circuit breaker for the health overview, read where MicroProfile
 * Fault Tolerance 4 publishes it: the base registry's gauges {@code ft.circuitbreaker.state.total}
 * tagged {@code method} and {@code state} (open, closed, halfOpen). The specification offers no
 * "current state" figure; those gauges are the time spent in each state, and only the current
 * state's grows between two reads. So the state is read as the gauge that grew over a short pause.
 * Before the first ingest call the breaker does not exist yet (Payara registers its metrics on the
 * first call): that is reported as closed, since no call would be refused.
 */
@ApplicationScoped
public class IngestBreaker {

    static final String STATE_GAUGE = "ft.circuitbreaker.state.total";
    static final String METHOD = GuardedIngest.class.getName() + ".ingest";
    /** Long enough for the clock behind the gauges (microseconds) to move, short enough for a health answer. */
    static final long PAUSE_MILLIS = 3;

    @Inject
    @RegistryScope(scope = MetricRegistry.BASE_SCOPE)
    MetricRegistry base;

    public HealthCheckResult check() {
        Map<String, Gauge<?>> gauges = new LinkedHashMap<>();
        base.getGauges((id, metric) -> id.getName().equals(STATE_GAUGE) && METHOD.equals(id.getTags().get("method")))
                .forEach((id, gauge) -> gauges.put(id.getTags().get("state"), gauge));
        if (gauges.isEmpty()) {
            return new HealthCheckResult("ingest-breaker", State.UP, "closed: no ingest call yet (the breaker starts closed)",
                    Map.of("state", "closed", "method", METHOD));
        }
        Map<String, Long> before = read(gauges);
        pause();
        Map<String, Long> after = read(gauges);
        String current = null;
        for (Map.Entry<String, Long> entry : after.entrySet()) {
            Long was = before.get(entry.getKey());
            if (was != null && entry.getValue() > was) {
                current = entry.getKey();
            }
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("state", current == null ? "unknown" : current);
        figures.put("method", METHOD);
        after.forEach((state, nanos) -> figures.put(state + "Seconds", TimeUnit.NANOSECONDS.toSeconds(nanos)));
        if (current == null) {
            return new HealthCheckResult("ingest-breaker", State.WARNING, "the breaker's state could not be read from "
                    + STATE_GAUGE + " (no state's time grew)", figures);
        }
        return switch (current) {
            case "open" -> new HealthCheckResult("ingest-breaker", State.DOWN,
                    "open: ingest answers 503 at once (the database kept failing)", figures);
            case "halfOpen" -> new HealthCheckResult("ingest-breaker", State.WARNING,
                    "half open: trial ingest calls decide whether it closes again", figures);
            default -> new HealthCheckResult("ingest-breaker", State.UP, "closed: ingest goes through", figures);
        };
    }

    private static Map<String, Long> read(Map<String, Gauge<?>> gauges) {
        Map<String, Long> values = new LinkedHashMap<>();
        gauges.forEach((state, gauge) -> {
            Object value = gauge.getValue();
            if (value instanceof Number n) {
                values.put(state, n.longValue());
            }
        });
        return values;
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
