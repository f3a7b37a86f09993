package io.promptwatch.experiments.boundary;

import io.promptwatch.experiments.control.Evaluation;
import io.promptwatch.experiments.entity.Experiment;

/** An experiment with its evaluation at this moment (for a stopped one: over its running time). */
public record ExperimentState(Experiment experiment, Evaluation evaluation) {
}
