package io.promptwatch.statistics.boundary;

import java.util.List;

/**
 * Success rates of every prompt on every model it ran on (heatmap data), with Wilson intervals,
 * and per prompt how strongly the models differ: a chi-square test of homogeneity across its
 * models and the spread between the best and the worst rate.
 */
public record SuccessMatrix(double confidence, String intervalMethod, List<String> models, List<Row> prompts) {

    /** One prompt: a cell per model it ran on, and its discrimination power across them. */
    public record Row(String promptId, List<Cell> cells, Double chiSquare, Integer df, Double pValue, Double spread) {
    }

    public record Cell(String model, long n, long successes, double rate, double ciLow, double ciHigh) {
    }
}
