package io.promptwatch.metrics.entity;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The rollup windows. Buckets are aligned to UTC: minutes, hours, quarters of a day (00:00, 06:00,
 * 12:00, 18:00) and days on their boundaries, weeks on Monday 00:00 UTC. Each window nests in the
 * next coarser one.
 */
public enum Window {
    MINUTE("1m", Duration.ofMinutes(1), true),
    FIVE_MINUTES("5m", Duration.ofMinutes(5), true),
    HOUR("1h", Duration.ofHours(1), true),
    /**
     * Read for the parts of a range between its hours and its days (a week ending at 01:00 begins with
     * 23 hours: 5 hours and three of these instead), and for a series that asks for it; never chosen
     * for a range without a window, so that a week keeps its 168 hours.
     */
    SIX_HOURS("6h", Duration.ofHours(6), false),
    DAY("24h", Duration.ofDays(1), true),
    WEEK("7d", Duration.ofDays(7), true);

    /** 1970-01-05, the first Monday after the epoch: week buckets count from it. */
    private static final long WEEK_ORIGIN_SECONDS = Duration.ofDays(4).toSeconds();

    private final String label;
    private final Duration length;
    private final boolean chosen;

    Window(String label, Duration length, boolean chosen) {
        this.label = label;
        this.length = length;
        this.chosen = chosen;
    }

    public String label() {
        return label;
    }

    public Duration length() {
        return length;
    }

    /** Whether a range without an explicit window may be answered in this window's buckets. */
    public boolean chosen() {
        return chosen;
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
