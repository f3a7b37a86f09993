package io.promptwatch.statistics.boundary;

import io.promptwatch.statistics.control.ChiSquareResult;
import io.promptwatch.statistics.control.Magnitude;
import io.promptwatch.statistics.control.MannWhitneyResult;
import io.promptwatch.statistics.control.ProportionResult;
import io.promptwatch.statistics.control.WelchResult;
import java.util.List;

/**
 * The answer to "is the variant really different from the control?" for one metric over two or
 * more groups: a summary per group, each variant against the control, and what to make of it.
 */
public record Comparison(String metric, String kind, double alpha, double confidence, double practicalThreshold,
                         String conventions, List<Group> groups, List<Pair> comparisons, ChiSquareResult homogeneity,
                         String recommendation, List<String> warnings) {

    /** One group's sample: mean and SD for a continuous metric, successes and rate for a binary one. */
    public record Group(String name, long n, Double mean, Double sd, Long successes, Double rate) {
    }

    /**
     * A variant against the control. {@code pValue} is the primary test's (Welch for continuous,
     * the two-proportion z-test for binary); {@code pValueHolm} is adjusted over all variants.
     */
    public record Pair(String control, String variant, double difference, double ciLow, double ciHigh,
                       WelchResult welch, MannWhitneyResult mannWhitney, ProportionResult proportions,
                       String effectSizeName, double effectSize, Magnitude magnitude, double pValue, double pValueHolm,
                       boolean statisticallySignificant, boolean practicallySignificant) {
    }
}
