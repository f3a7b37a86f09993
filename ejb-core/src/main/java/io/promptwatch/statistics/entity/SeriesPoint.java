package io.promptwatch.statistics.entity;

import java.time.Instant;
import java.util.Objects;

/** One observation of a time series: when it was taken and its value. */
public record SeriesPoint(Instant time, double value) {

    public SeriesPoint {
        Objects.requireNonNull(time, "time");
    }
}
