package io.promptwatch.tracking.boundary;

import io.promptwatch.tracking.entity.FieldError;
import java.util.List;

/** The answer for one record of an ingest request. */
public record IngestResult(String executionId, Status status, List<FieldError> errors) {

    public enum Status {
        ACCEPTED, DUPLICATE, REJECTED
    }

    /** True when every reason for a rejection names something unknown rather than something malformed. */
    public boolean onlyUnknownReferences() {
        return !errors.isEmpty() && errors.stream().allMatch(FieldError::unknownReference);
    }
}
