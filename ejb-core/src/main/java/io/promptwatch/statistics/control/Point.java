package io.promptwatch.statistics.control;

import java.time.Instant;
import java.util.Objects;

/** One observation of a time series: when it was taken and its value. */
public record Point(Instant time, double value) {

    public Point {
        Objects.requireNonNull(time, "time");
    }
}
