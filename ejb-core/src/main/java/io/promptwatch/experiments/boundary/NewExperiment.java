package io.promptwatch.experiments.boundary;

import java.util.List;

/**
 * An experiment to declare. {@code baselineRate} is needed for the metric success,
 * {@code standardDeviation} for a continuous metric; {@code weights} null means equal shares.
 */
public record NewExperiment(String promptId, String name, String controlVersion, List<String> variantVersions,
                            String metric, Double alpha, Double power, Double minimumDetectableEffect,
                            Double baselineRate, Double standardDeviation, List<Double> weights) {
}
