package io.promptwatch.health;

import io.promptwatch.alerting.boundary.AlertEvaluator;
import io.promptwatch.alerting.entity.EvaluatorPulse;
import io.promptwatch.persistence.StorableInstants;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while the alert evaluator is switched on and has shown no sign of life for
 * {@code promptwatch.alerting.evaluator.stale-intervals} intervals (SPEC §4): a server that stopped
 * evaluating stops raising alerts and rolling back, and should leave the load balancer. Before the
 * first evaluation the lag counts from the application's start ({@link EvaluatorPulse}), so a fresh
 * server whose first run is an interval away is ready. Switched off, the evaluator does not count.
 */
@Readiness
@ApplicationScoped
public class EvaluatorReadiness implements HealthCheck {

    @Inject
    AlertEvaluator evaluator;

    @Override
    public HealthCheckResponse call() {
        EvaluatorPulse pulse = evaluator.pulse(StorableInstants.now());
        HealthCheckResponseBuilder response = HealthCheckResponse.named("alert-evaluator").status(!pulse.stale())
                .withData("enabled", pulse.enabled());
        if (pulse.enabled()) {
            response.withData("interval", pulse.interval().toString())
                    .withData("lagSeconds", pulse.lag().toSeconds())
                    .withData("staleIntervals", pulse.staleIntervals());
            if (pulse.lastFinishedAt() != null) {
                response.withData("lastFinishedAt", pulse.lastFinishedAt().toString());
            }
        }
        return response.build();
    }
}
