package io.promptwatch.metrics.control;

import io.promptwatch.metrics.entity.Window;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

/**
 * How much and how often each window rolls up: records per transaction
 * ({@code promptwatch.metrics.rollup.batch-records.<window>}) and, while ingest is writing, the
 * least time between two of the window's transactions
 * ({@code promptwatch.metrics.rollup.busy-interval.<window>}, ISO-8601). Coarse windows take
 * larger batches less often: their buckets hold many records each, so every transaction of theirs
 * rewrites about the same buckets whatever its size.
 */
public final class RollupPace {

    private final Map<Window, Integer> batch = new EnumMap<>(Window.class);
    private final Map<Window, Long> busyIntervalNanos = new EnumMap<>(Window.class);
    /** When each window's last transaction while busy began (System.nanoTime); absent: never. */
    private final Map<Window, Long> lastBusyRoll = new EnumMap<>(Window.class);

    /** Reads the settings through {@code setting} (the property name in, its value out). */
    public RollupPace(Function<String, String> setting) {
        for (Window window : Window.values()) {
            String batchKey = "promptwatch.metrics.rollup.batch-records." + window.label();
            String intervalKey = "promptwatch.metrics.rollup.busy-interval." + window.label();
            int records;
            Duration interval;
            try {
                records = Integer.parseInt(setting.apply(batchKey).trim());
            } catch (NumberFormatException e) {
                throw new IllegalStateException(batchKey + " must be a whole number of records", e);
            }
            try {
                interval = Duration.parse(setting.apply(intervalKey).trim());
            } catch (DateTimeParseException e) {
                throw new IllegalStateException(intervalKey + " must be an ISO-8601 duration such as PT5S", e);
            }
            if (records < 1 || interval.isNegative()) {
                throw new IllegalStateException(batchKey + " must be at least 1 and " + intervalKey + " not negative");
            }
            batch.put(window, records);
            busyIntervalNanos.put(window, interval.toNanos());
        }
    }

    public int batch(Window window) {
        return batch.get(window);
    }

    /**
     * Whether the window may roll up a batch now while ingest is writing (at most one per busy
     * interval); if so, the time is taken as its last busy roll.
     */
    public boolean takeBusyTurn(Window window, long nowNanos) {
        Long last = lastBusyRoll.get(window);
        if (last != null && nowNanos - last < busyIntervalNanos.get(window)) {
            return false;
        }
        lastBusyRoll.put(window, nowNanos);
        return true;
    }
}
