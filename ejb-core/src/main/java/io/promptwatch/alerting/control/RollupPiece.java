package io.promptwatch.alerting.control;

import io.promptwatch.metrics.entity.Window;
import java.time.Instant;
import java.util.Objects;

/**
 * One rollup bucket of a rule window's cover: the bucket of {@code window} that starts at
 * {@code start}. The evaluator reads these buckets and merges their sketches into the rule window.
 */
public record RollupPiece(Window window, Instant start) {

    public RollupPiece {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(start, "start");
        if (!window.floor(start).equals(start)) {
            throw new IllegalArgumentException(start + " is not the start of a " + window.label() + " bucket");
        }
    }

    /** The exclusive end of the bucket. */
    public Instant end() {
        return start.plus(window.length());
    }
}
