package io.promptwatch.alerting.boundary;

import io.promptwatch.alerting.control.RuleDurations;
import io.promptwatch.alerting.entity.CalibrationStatus;
import io.promptwatch.metrics.boundary.MetricsQuery;
import io.promptwatch.metrics.entity.MetricValues;
import io.promptwatch.persistence.StorableInstants;
import io.promptwatch.problem.ProblemException;
import io.promptwatch.registry.boundary.PromptRegistry;
import io.promptwatch.registry.entity.Prompt;
import io.promptwatch.registry.entity.PromptVersion;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Calibration (SPEC §4, seed 002): per version, the quality its baseline predicted against the
 * average quality score observed over a window ending now, read from the rollups like every other
 * metric. A version without a predicted quality or without scores in the window gets no status and
 * a warning saying which is missing: a status is never made up from nothing.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class Calibration {

    static final Duration SHORTEST = Duration.ofMinutes(1);
    static final Duration LONGEST = Duration.ofDays(30);

    /**
     * One version's calibration. {@code delta} is observed − predicted; {@code drift} is |delta| in
     * units of the well-calibrated bound ({@link CalibrationStatus#drift}); {@code samples} the
     * records with a quality score in the window.
     */
    public record VersionCalibration(String promptId, String version, String versionStatus, Double predictedQuality,
                                     Double observedQuality, Double delta, CalibrationStatus status, Double drift,
                                     long samples, String warning) {
    }

    /** The versions' calibration over [from, to) (whole minutes, the last one the current). */
    public record Answer(Duration window, Instant from, Instant to, double wellCalibratedBound, double minorDriftBound,
                         List<VersionCalibration> versions) {
    }

    @Inject
    PromptRegistry registry;

    @Inject
    MetricsQuery metrics;

    @Inject
    @ConfigProperty(name = "promptwatch.alerting.calibration.well-calibrated")
    double wellCalibrated;

    @Inject
    @ConfigProperty(name = "promptwatch.alerting.calibration.minor-drift")
    double minorDrift;

    @Inject
    @ConfigProperty(name = "promptwatch.alerting.calibration.window")
    Duration defaultWindow;

    @PostConstruct
    void checkSettings() {
        CalibrationStatus.checkBounds(wellCalibrated, minorDrift);
    }

    /** Every version of one prompt; 404 for an unknown prompt. */
    public Answer ofPrompt(String promptId, String window) {
        Duration span = window(window);
        List<PromptVersion> versions = registry.versions(promptId);
        return answer(span, List.of(promptId), versions);
    }

    /** Every version of every prompt that has an active version (a prompt never deployed has nothing to calibrate yet). */
    public Answer ofAllPrompts(String window) {
        Duration span = window(window);
        List<String> prompts = registry.prompts().stream().filter(p -> p.activeVersion() != null).map(Prompt::id).toList();
        List<PromptVersion> versions = new ArrayList<>();
        prompts.forEach(id -> versions.addAll(registry.versions(id)));
        return answer(span, prompts, versions);
    }

    private Answer answer(Duration window, List<String> prompts, List<PromptVersion> versions) {
        // The window ends with the current minute, so that records of the last seconds count.
        Instant to = StorableInstants.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        Instant from = to.minus(window).truncatedTo(ChronoUnit.MINUTES);
        Map<String, MetricValues> observed = new HashMap<>();
        if (!prompts.isEmpty()) {
            metrics.byVersion(prompts, from, to).forEach(v -> observed.put(key(v.promptId(), v.version()), v.metrics()));
        }
        List<VersionCalibration> rows = new ArrayList<>();
        for (PromptVersion v : versions) {
            rows.add(calibrate(v, observed.get(key(v.promptId(), v.version()))));
        }
        return new Answer(window, from, to, wellCalibrated, minorDrift, rows);
    }

    private VersionCalibration calibrate(PromptVersion version, MetricValues values) {
        Double predicted = version.baseline() == null ? null : version.baseline().predictedQuality();
        long samples = values == null ? 0 : values.qualityCount();
        Double observed = samples == 0 || values.qualityAvg() == null || values.qualityAvg().isNaN() ? null : values.qualityAvg();
        String warning = null;
        if (predicted == null && observed == null) {
            warning = "no baseline predictedQuality and no quality scores in the window";
        } else if (predicted == null) {
            warning = "no baseline predictedQuality to compare with";
        } else if (observed == null) {
            warning = "no quality scores in the window";
        }
        Double delta = predicted == null || observed == null ? null : observed - predicted;
        return new VersionCalibration(version.promptId(), version.version(), version.status().label(),
                predicted, observed, delta, CalibrationStatus.of(delta, wellCalibrated, minorDrift),
                CalibrationStatus.drift(observed, predicted, wellCalibrated), samples, warning);
    }

    /** The window asked for (ISO-8601), or the setting's; 400 naming {@code window} outside 1 minute … 30 days. */
    Duration window(String text) {
        Duration window = text == null || text.isBlank() ? defaultWindow : RuleDurations.parse("window", text);
        if (window.compareTo(SHORTEST) < 0 || window.compareTo(LONGEST) > 0) {
            throw ProblemException.invalid("window", "window must lie between PT1M and P30D; got '" + (text == null ? window : text) + "'");
        }
        return window;
    }

    private static String key(String promptId, String version) {
        return promptId + '\u0000' + version;
    }
}
