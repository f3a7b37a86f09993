package io.promptwatch.metrics.entity;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The rollup windows. Buckets are aligned to UTC: minutes, hours and days on their boundaries,
 * weeks on Monday 00:00 UTC.
 */
public enum Window {
    MINUTE("1m", Duration.ofMinutes(1)),
    FIVE_MINUTES("5m", Duration.ofMinutes(5)),
    HOUR("1h", Duration.ofHours(1)),
    DAY("24h", Duration.ofDays(1)),
    WEEK("7d", Duration.ofDays(7));

    /** 1970-01-05, the first Monday after the epoch: week buckets count from it. */
    private static final long WEEK_ORIGIN_SECONDS = Duration.ofDays(4).toSeconds();

    private final String label;
    private final Duration length;

    Window(String label, Duration length) {
        this.label = label;
        this.length = length;
    }

    public String label() {
        return label;
    }

    public Duration length() {
        return length;
    }

    /** The key stored in {@code rollup_bucket.window_minutes}. */
    public int minutes() {
        return (int) length.toMinutes();
    }

    /** Start of the bucket holding the instant. */
    public Instant floor(Instant t) {
        long origin = this == WEEK ? WEEK_ORIGIN_SECONDS : 0;
        long size = length.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond() - origin, size) * size + origin);
    }

    /** Start of the first bucket at or after the instant. */
    public Instant ceil(Instant t) {
        Instant floor = floor(t);
        return floor.equals(t) ? t : floor.plus(length);
    }

    public static Optional<Window> parse(String label) {
        return Arrays.stream(values()).filter(w -> w.label.equals(label)).findFirst();
    }

    public static Window ofMinutes(int minutes) {
        return Arrays.stream(values()).filter(w -> w.minutes() == minutes).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no window of " + minutes + " minutes"));
    }

    public static String labels() {
        return Arrays.stream(values()).map(Window::label).collect(Collectors.joining(", "));
    }
}
