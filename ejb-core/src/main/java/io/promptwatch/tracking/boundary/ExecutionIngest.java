package io.promptwatch.tracking.boundary;

import io.promptwatch.persistence.StorableInstants;
import io.promptwatch.problem.ProblemException;
import io.promptwatch.registry.boundary.PromptRegistry;
import io.promptwatch.registry.entity.PrivacyMode;
import io.promptwatch.registry.entity.PromptSnapshot;
import io.promptwatch.tracking.boundary.IngestResult.Status;
import io.promptwatch.tracking.control.ExecutionParser;
import io.promptwatch.tracking.control.ExecutionWriter;
import io.promptwatch.tracking.control.IngestLimits;
import io.promptwatch.tracking.control.PrivacyFilter;
import io.promptwatch.tracking.entity.Execution;
import io.promptwatch.tracking.entity.FieldError;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.Timed;

/**
 * Takes in execution records: validates each, resolves its prompt version, applies the privacy
 * mode, and writes all valid records of a request in one guarded transaction. A rejected record
 * is never written; a duplicate execution id changes nothing.
 */
@ApplicationScoped
public class ExecutionIngest {

    @Inject
    PromptRegistry registry;

    @Inject
    ExecutionWriter writer;

    @Inject
    MetricRegistry metrics;

    @Inject
    @ConfigProperty(name = "promptwatch.privacy.mode")
    String defaultPrivacyMode;

    @Inject
    @ConfigProperty(name = "promptwatch.ingest.batch.max-records")
    int maxBatchRecords;

    @Inject
    @ConfigProperty(name = "promptwatch.ingest.text.max-chars")
    int maxTextChars;

    @Inject
    @ConfigProperty(name = "promptwatch.ingest.metadata.max-chars")
    int maxMetadataChars;

    @Inject
    @ConfigProperty(name = "promptwatch.ingest.max-clock-skew-seconds")
    long maxClockSkewSeconds;

    private ExecutionParser parser;
    private PrivacyMode serverPrivacyMode;
    private final Map<Status, Counter> counters = new HashMap<>();

    @PostConstruct
    void init() {
        parser = new ExecutionParser(new IngestLimits(maxTextChars, maxMetadataChars, Duration.ofSeconds(maxClockSkewSeconds)));
        serverPrivacyMode = PrivacyMode.parse(defaultPrivacyMode).orElseThrow(() -> new IllegalStateException(
                "promptwatch.privacy.mode must be one of " + PrivacyMode.labels() + "; got '" + defaultPrivacyMode + "'"));
        for (Status status : Status.values()) {
            counters.put(status, metrics.counter("promptwatch.ingest.records", new Tag("status", status.name().toLowerCase())));
        }
    }

    /** Creates the bean at deployment so its counters are exported (at zero) before the first record. */
    void exportCountersAtStart(@Observes @Initialized(ApplicationScoped.class) Object deployment) {
        counters.size();
    }

    /** One result per record, in order. */
    @Timed(name = "promptwatch.ingest.request", absolute = true,
            description = "Time to validate and store one ingest request (single record or batch)")
    public List<IngestResult> ingest(List<JsonValue> records) {
        if (records.size() > maxBatchRecords) {
            throw new ProblemException(413, "Batch too large", "a batch holds at most " + maxBatchRecords
                    + " records (promptwatch.ingest.batch.max-records); got " + records.size(), null);
        }
        Instant now = StorableInstants.now();
        List<IngestResult> results = new ArrayList<>(records.size());
        List<Execution.Fields> valid = new ArrayList<>();
        for (JsonValue record : records) {
            ExecutionParser.Parsed parsed = parser.parse(record, now);
            List<FieldError> errors = new ArrayList<>(parsed.errors());
            PromptSnapshot snapshot = parsed.valid() ? registry.snapshot(parsed.fields().promptId) : null;
            if (parsed.valid()) {
                resolve(parsed.fields(), snapshot, errors);
            }
            if (errors.isEmpty()) {
                valid.add(PrivacyFilter.apply(parsed, privacyMode(snapshot)));
                results.add(null);
            } else {
                results.add(new IngestResult(parsed.executionId(), Status.REJECTED, List.copyOf(errors)));
            }
        }
        Set<String> inserted = valid.isEmpty() ? Set.of() : writer.write(valid);
        int next = 0;
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i) == null) {
                String id = valid.get(next++).executionId;
                // Within one request the first record with an id is stored; later ones are duplicates.
                boolean accepted = inserted.remove(id);
                results.set(i, new IngestResult(id, accepted ? Status.ACCEPTED : Status.DUPLICATE, List.of()));
            }
        }
        results.forEach(r -> counters.get(r.status()).inc());
        return results;
    }

    private static void resolve(Execution.Fields f, PromptSnapshot snapshot, List<FieldError> errors) {
        if (snapshot == null) {
            errors.add(FieldError.unknown("promptId", "no prompt with id '" + f.promptId + "' is registered"));
        } else if (f.version == null) {
            if (snapshot.active() == null) {
                errors.add(FieldError.unknown("version", "version omitted and prompt " + f.promptId + " has no active version"));
            } else {
                f.version = snapshot.active().version();
            }
        } else if (!snapshot.hasVersion(f.version)) {
            errors.add(FieldError.unknown("version", "prompt " + f.promptId + " has no version " + f.version));
        }
    }

    private PrivacyMode privacyMode(PromptSnapshot snapshot) {
        return snapshot.privacyMode() != null ? snapshot.privacyMode() : serverPrivacyMode;
    }

    /** Whether a write ended within the last {@code millis}: background work gives way to ingest. */
    public boolean busyWithin(long millis) {
        return writer.busyWithin(millis);
    }
}
