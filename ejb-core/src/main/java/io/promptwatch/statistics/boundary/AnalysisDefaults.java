package io.promptwatch.statistics.boundary;

import io.promptwatch.tracking.boundary.FeatureRow;
import io.promptwatch.tracking.boundary.MetricField;
import java.util.List;

/**
 * What an analysis assumes for a parameter its request leaves out. These are constants, not
 * settings: the README and the OpenAPI document state them, and an unchanged request must get an
 * unchanged answer on every server (the seed above all, which makes a success model reproducible).
 */
public final class AnalysisDefaults {

    public static final double ALPHA = 0.05;
    public static final double PRACTICAL_THRESHOLD = 0;
    public static final MetricField METRIC = MetricField.QUALITY_SCORE;
    /** Power sought by {@code sample-size} when no {@code n} is given. */
    public static final double POWER = 0.8;
    public static final String SAMPLE_SIZE_KIND = "means";
    public static final List<String> CORRELATION_TARGETS = List.of("success", "qualityScore");
    public static final List<String> SUCCESS_MODEL_FEATURES = List.of("latencyMs", "totalTokens", "temperature");
    public static final double TEST_SHARE = 0.3;
    public static final long SEED = 42;
    /** Forecast steps: a day of hourly buckets. */
    public static final int HORIZON = 24;
    public static final String BUCKET = "1h";

    private AnalysisDefaults() {
    }

    /** Every feature that is not one of the targets, in {@link FeatureRow#NAMES} order. */
    public static List<String> correlationFeatures(List<String> targets) {
        return FeatureRow.NAMES.stream().filter(f -> !targets.contains(f)).toList();
    }

    /**
     * Points in one season: a week of daily buckets, otherwise a day of hourly ones (explicit
     * points have no bucket and are taken as hourly).
     */
    public static int period(String bucket) {
        return "1d".equals(bucket) ? 7 : 24;
    }
}
