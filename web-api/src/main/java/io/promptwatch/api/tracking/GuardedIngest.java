package io.promptwatch.api.tracking;

import io.promptwatch.problem.ProblemException;
import io.promptwatch.tracking.boundary.ExecutionIngest;
import io.promptwatch.tracking.boundary.IngestResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;

/**
 * Ingest behind MicroProfile Fault Tolerance. When the database keeps failing, the circuit breaker
 * opens and ingest answers 503 at once instead of piling requests onto a dead store; the bulkhead
 * bounds concurrent writers. A request waits for its write {@code promptwatch.ingest.write-wait-seconds}
 * at most (then 503, counted by the breaker): no FT {@code @Timeout}, whose managed task per call
 * was a large share of single-record ingest's CPU (docs/performance-history.md) and whose
 * interrupt would land inside Derby. A refused request (a {@link ProblemException})
 * is the client's fault and does not count as a failure. The annotations sit here, in the WAR,
 * because Payara does not apply Fault Tolerance interceptors to beans of the EAR's EJB module
 * (measured: no ft_* metrics and no breaker there). Thresholds are MicroProfile Config keys.
 */
@ApplicationScoped
public class GuardedIngest {

    @Inject
    ExecutionIngest ingest;

    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, successThreshold = 2,
            skipOn = ProblemException.class)
    @Bulkhead(32)
    public List<IngestResult> ingest(List<JsonValue> records) {
        return ingest.ingest(records);
    }
}
