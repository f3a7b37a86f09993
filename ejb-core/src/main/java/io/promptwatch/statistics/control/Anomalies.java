package io.promptwatch.statistics.control;

import java.util.List;

/**
 * The points flagged by three rules, each in series order, and the summary figures the rules use:
 * mean and sample standard deviation (|z| &gt; 3), the quartiles of R's {@code quantile(type = 7)}
 * (Tukey's fences at 1.5 IQR) and the raw median absolute deviation, R's {@code mad(x, constant = 1)}
 * (Iglewicz and Hoaglin's modified z-score 0.6745·(x − median)/MAD, |score| &gt; 3.5).
 */
public record Anomalies(List<Anomaly> zScore, List<Anomaly> iqr, List<Anomaly> mad, double mean, double sd,
                        double q1, double median, double q3, double madRaw) {

    public Anomalies {
        zScore = List.copyOf(zScore);
        iqr = List.copyOf(iqr);
        mad = List.copyOf(mad);
    }
}
