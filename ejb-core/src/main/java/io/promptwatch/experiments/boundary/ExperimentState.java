package io.promptwatch.experiments.boundary;

import io.promptwatch.experiments.entity.Experiment;
import io.promptwatch.statistics.boundary.Evaluation;

/** An experiment with its evaluation at this moment (for a stopped one: over its running time). */
public record ExperimentState(Experiment experiment, Evaluation evaluation) {
}
