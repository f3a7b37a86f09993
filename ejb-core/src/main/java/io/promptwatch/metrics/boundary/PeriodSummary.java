package io.promptwatch.metrics.boundary;

import io.promptwatch.metrics.control.Breakdown;
import io.promptwatch.metrics.control.Bucket;
import io.promptwatch.metrics.control.BucketKey;
import io.promptwatch.metrics.control.Resolution;
import io.promptwatch.metrics.entity.MetricValues;
import io.promptwatch.metrics.entity.Window;
import io.promptwatch.persistence.StorableInstants;
import io.promptwatch.problem.ProblemException;
import io.promptwatch.registry.boundary.PromptRegistry;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A prompt's last period (1 h, 24 h or 7 d, ending with the current bucket) beside the period of
 * equal length before it: totals, per version and per model, with absolute and relative deltas.
 */
@Stateless
public class PeriodSummary {

    public record Delta(String metric, Double current, Double previous, Double absolute, Double relative) {
    }

    public record Comparison(String name, MetricValues current, MetricValues previous, List<Delta> deltas) {
    }

    public record Summary(String promptId, String period, String resolution, String rule, Instant from, Instant to,
                          Instant previousFrom, Instant previousTo, Comparison total, List<Comparison> byVersion,
                          List<Comparison> byModel, List<MetricValues.ErrorCount> topErrors) {
    }

    private record Compared(String name, Function<MetricValues, Number> value) {
    }

    private static final List<Compared> COMPARED = List.of(
            new Compared("executions", MetricValues::executions),
            new Compared("uniqueUsers", MetricValues::uniqueUsers),
            new Compared("successRate", MetricValues::successRate),
            new Compared("failureRate", MetricValues::failureRate),
            new Compared("latencyAvgMs", MetricValues::latencyAvgMs),
            new Compared("latencyP50Ms", MetricValues::latencyP50Ms),
            new Compared("latencyP95Ms", MetricValues::latencyP95Ms),
            new Compared("latencyP99Ms", MetricValues::latencyP99Ms),
            new Compared("totalTokensAvg", MetricValues::totalTokensAvg),
            new Compared("costSum", MetricValues::costSum),
            new Compared("costAvg", MetricValues::costAvg),
            new Compared("feedbackAvg", MetricValues::feedbackAvg),
            new Compared("qualityAvg", MetricValues::qualityAvg));

    private static final List<String> PERIODS = List.of(Window.HOUR.label(), Window.DAY.label(), Window.WEEK.label());

    @Inject
    MetricsQuery metrics;

    @Inject
    PromptRegistry registry;

    public Summary summarize(String promptId, String periodLabel) {
        registry.prompt(promptId);
        String label = periodLabel == null ? Window.DAY.label() : periodLabel;
        if (!PERIODS.contains(label)) {
            throw ProblemException.invalid("period", "must be one of " + String.join(", ", PERIODS) + "; got '" + periodLabel + "'");
        }
        Duration period = Window.parse(label).orElseThrow().length();
        Instant now = StorableInstants.now();
        Resolution probe = metrics.resolve(now.minus(period), now);
        Instant to = probe.to();
        Resolution current = Resolution.of(probe.window(), to.minus(period), to);
        Resolution previous = Resolution.of(probe.window(), to.minus(period.multipliedBy(2)), to.minus(period));
        MetricsQuery.Filter filter = new MetricsQuery.Filter(promptId, null, null, null, null);
        Function<BucketKey, String> all = k -> "total";
        Comparison total = compare("total", grouped(current, filter, Breakdown.PROMPT, all),
                grouped(previous, filter, Breakdown.PROMPT, all));
        return new Summary(promptId, label, probe.window().label(), Resolution.AGGREGATE_RULE, current.from(), current.to(),
                previous.from(), previous.to(), total,
                compareGroups(current, previous, filter, Breakdown.VERSION, BucketKey::version),
                compareGroups(current, previous, filter, Breakdown.MODEL, BucketKey::model),
                total.current().topErrors());
    }

    /** The period against the one before, group by group, from the breakdown's buckets. */
    private List<Comparison> compareGroups(Resolution current, Resolution previous, MetricsQuery.Filter filter,
                                           Breakdown breakdown, Function<BucketKey, String> by) {
        Map<String, Bucket> now = grouped(current, filter, breakdown, by);
        Map<String, Bucket> before = grouped(previous, filter, breakdown, by);
        List<Comparison> rows = new ArrayList<>();
        for (String name : union(now, before)) {
            rows.add(compare(name, now, before));
        }
        return rows;
    }

    private Map<String, Bucket> grouped(Resolution period, MetricsQuery.Filter filter, Breakdown breakdown,
                                        Function<BucketKey, String> by) {
        return MetricsQuery.group(metrics.buckets(period, filter, breakdown), by);
    }

    private static Set<String> union(Map<String, Bucket> a, Map<String, Bucket> b) {
        Set<String> names = new TreeSet<>(a.keySet());
        names.addAll(b.keySet());
        return names;
    }

    private static Comparison compare(String name, Map<String, Bucket> now, Map<String, Bucket> before) {
        MetricValues current = now.getOrDefault(name, new Bucket()).values();
        MetricValues previous = before.getOrDefault(name, new Bucket()).values();
        List<Delta> deltas = new ArrayList<>();
        for (Compared compared : COMPARED) {
            deltas.add(delta(compared.name(), compared.value().apply(current), compared.value().apply(previous)));
        }
        return new Comparison(name, current, previous, deltas);
    }

    static Delta delta(String metric, Number current, Number previous) {
        Double c = current == null ? null : current.doubleValue();
        Double p = previous == null ? null : previous.doubleValue();
        Double absolute = c == null || p == null ? null : c - p;
        Double relative = absolute == null || p == 0 ? null : absolute / Math.abs(p);
        return new Delta(metric, c, p, absolute, relative);
    }
}
