package io.promptwatch.metrics.control;

import io.promptwatch.metrics.entity.Window;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * How long each window's buckets are kept ({@code promptwatch.metrics.retention.<window>}, an
 * ISO-8601 duration). A bucket is kept while its start lies within the retention of now.
 */
@ApplicationScoped
public class Retention {

    private final Map<Window, Duration> kept = new EnumMap<>(Window.class);

    public Retention() {
    }

    /** Fixed retention, for tests. */
    Retention(Map<Window, Duration> kept) {
        this.kept.putAll(kept);
    }

    @PostConstruct
    void read() {
        Config config = ConfigProvider.getConfig(Retention.class.getClassLoader());
        for (Window window : Window.values()) {
            String key = "promptwatch.metrics.retention." + window.label();
            String text = config.getValue(key, String.class);
            try {
                kept.put(window, Duration.parse(text));
            } catch (DateTimeParseException e) {
                throw new IllegalStateException(key + " must be an ISO-8601 duration such as P7D; got '" + text + "'", e);
            }
        }
    }

    public Duration of(Window window) {
        return kept.get(window);
    }

    /** Start of the oldest bucket of the window still kept at {@code now}. */
    public Instant horizon(Window window, Instant now) {
        return window.floor(now.minus(kept.get(window)));
    }
}
