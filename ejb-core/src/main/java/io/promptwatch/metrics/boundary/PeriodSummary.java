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
import io.promptwatch.registry.entity.PromptSlug;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;

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

    /**
     * Each of {@link #SPARKLINE_METRICS} over the period as one value per bucket of the whole range
     * [from, to) at the resolution {@code GET /metrics?promptId&from&to} answers: buckets without records
     * have 0 executions and no value (null) for the other metrics.
     */
    public record Sparklines(String resolution, Instant from, Instant to, Map<String, List<Number>> values) {
    }

    /** One prompt of a page: what lists show of it, its totals as its summary answers them, its sparklines. */
    public record PromptPeriod(String promptId, String name, String activeVersion, Comparison total, Sparklines sparklines) {
    }

    /**
     * A page of prompts (by id) for one period: the period's bounds (the same for every prompt), each prompt's
     * period, and {@code next}, the {@code after} of the following page (null on the last).
     */
    public record Page(String period, String resolution, String rule, Instant from, Instant to, Instant previousFrom,
                       Instant previousTo, List<PromptPeriod> items, String next) {
    }

    private record Compared(String name, Function<MetricValues, Number> value) {
    }

    /** The current and the previous period of a summary, at the resolution chosen for them. */
    private record Periods(String label, Window resolution, Resolution current, Resolution previous) {
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

    /** The figures the dashboard's overview draws a sparkline of (a subset of {@link #COMPARED}'s names). */
    static final List<String> SPARKLINE_METRICS = List.of("executions", "successRate", "latencyP50Ms", "latencyP95Ms",
            "qualityAvg", "feedbackAvg", "costSum");

    private static final List<String> PERIODS = List.of(Window.HOUR.label(), Window.DAY.label(), Window.WEEK.label());

    @Inject
    MetricsQuery metrics;

    @Inject
    PromptRegistry registry;

    @Inject
    @ConfigProperty(name = "promptwatch.summaries.page.default")
    int defaultPageSize;

    @Inject
    @ConfigProperty(name = "promptwatch.summaries.page.max")
    int maxPageSize;

    public Summary summarize(String promptId, String periodLabel) {
        registry.requireKnown(promptId);
        Periods periods = periods(periodLabel);
        MetricsQuery.Filter filter = new MetricsQuery.Filter(promptId, null, null, null, null);
        Comparison total = totals(periods, List.of(promptId)).get(promptId);
        return new Summary(promptId, periods.label(), periods.resolution().label(), Resolution.AGGREGATE_RULE,
                periods.current().from(), periods.current().to(), periods.previous().from(), periods.previous().to(), total,
                compareGroups(periods.current(), periods.previous(), filter, Breakdown.VERSION, BucketKey::version),
                compareGroups(periods.current(), periods.previous(), filter, Breakdown.MODEL, BucketKey::model),
                total.current().topErrors());
    }

    /**
     * The period of up to {@code limit} prompts after prompt {@code afterId} (by id): each one's totals as
     * {@link #summarize} answers them, computed by the same code from the same buckets (read for the whole
     * page at once), and its sparklines. One query per piece of each period and one for the sparklines,
     * whatever the page's size.
     */
    public Page page(String periodLabel, String afterId, Integer limit) {
        Periods periods = periods(periodLabel);
        if (afterId != null) {
            PromptSlug.require("after", afterId);
        }
        int size = limit == null ? defaultPageSize : limit;
        if (size < 1 || size > maxPageSize) {
            throw ProblemException.invalid("limit", "must be from 1 to " + maxPageSize
                    + " (promptwatch.summaries.page.max); got " + size);
        }
        List<PromptRegistry.Heading> headings = new ArrayList<>(registry.headings(afterId, size + 1));
        String next = null;
        if (headings.size() > size) {
            headings.remove(size);
            next = headings.get(size - 1).id();
        }
        List<String> ids = headings.stream().map(PromptRegistry.Heading::id).toList();
        Map<String, Comparison> totals = ids.isEmpty() ? Map.of() : totals(periods, ids);
        Map<String, MetricsQuery.Series> series = ids.isEmpty() ? Map.of()
                : metrics.seriesByPrompt(ids, periods.current().from(), periods.current().to());
        List<PromptPeriod> items = new ArrayList<>();
        for (PromptRegistry.Heading heading : headings) {
            items.add(new PromptPeriod(heading.id(), heading.name(), heading.activeVersion(), totals.get(heading.id()),
                    sparklines(series.get(heading.id()))));
        }
        return new Page(periods.label(), periods.resolution().label(), Resolution.AGGREGATE_RULE, periods.current().from(),
                periods.current().to(), periods.previous().from(), periods.previous().to(), items, next);
    }

    /** The last period of the label (ending with the current bucket) and the one before it. */
    private Periods periods(String periodLabel) {
        String label = periodLabel == null ? Window.DAY.label() : periodLabel;
        if (!PERIODS.contains(label)) {
            throw ProblemException.invalid("period", "must be one of " + String.join(", ", PERIODS) + "; got '" + periodLabel + "'");
        }
        Duration period = Window.parse(label).orElseThrow().length();
        Instant now = StorableInstants.now();
        Resolution probe = metrics.resolve(now.minus(period), now);
        Instant to = probe.to();
        return new Periods(label, probe.window(), Resolution.of(probe.window(), to.minus(period), to),
                Resolution.of(probe.window(), to.minus(period.multipliedBy(2)), to.minus(period)));
    }

    /** Each prompt's period against the one before, from its prompt-total buckets (read for all prompts at once). */
    private Map<String, Comparison> totals(Periods periods, List<String> promptIds) {
        Map<String, Bucket> now = MetricsQuery.group(metrics.buckets(periods.current(), promptIds, Breakdown.PROMPT),
                BucketKey::promptId);
        Map<String, Bucket> before = MetricsQuery.group(metrics.buckets(periods.previous(), promptIds, Breakdown.PROMPT),
                BucketKey::promptId);
        Map<String, Comparison> totals = new TreeMap<>();
        for (String id : promptIds) {
            totals.put(id, compare("total", now.get(id), before.get(id)));
        }
        return totals;
    }

    /** A series as one value per bucket of its whole range, for each sparkline metric. */
    private static Sparklines sparklines(MetricsQuery.Series series) {
        Window window = Window.parse(series.resolution()).orElseThrow();
        Map<Instant, MetricValues> byStart = new TreeMap<>();
        series.buckets().forEach(b -> byStart.put(b.start(), b.metrics()));
        Map<String, List<Number>> values = new LinkedHashMap<>();
        for (String name : SPARKLINE_METRICS) {
            Compared compared = COMPARED.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
            List<Number> line = new ArrayList<>();
            for (Instant t = series.from(); t.isBefore(series.to()); t = t.plus(window.length())) {
                MetricValues m = byStart.get(t);
                line.add(m != null ? compared.value().apply(m) : compared.name().equals("executions") ? Long.valueOf(0) : null);
            }
            values.put(compared.name(), line);
        }
        return new Sparklines(series.resolution(), series.from(), series.to(), values);
    }

    /** The period against the one before, group by group, from the breakdown's buckets. */
    private List<Comparison> compareGroups(Resolution current, Resolution previous, MetricsQuery.Filter filter,
                                           Breakdown breakdown, Function<BucketKey, String> by) {
        Map<String, Bucket> now = grouped(current, filter, breakdown, by);
        Map<String, Bucket> before = grouped(previous, filter, breakdown, by);
        List<Comparison> rows = new ArrayList<>();
        for (String name : union(now, before)) {
            rows.add(compare(name, now.get(name), before.get(name)));
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

    /** A group's period against the one before (either bucket null: no records then). */
    private static Comparison compare(String name, Bucket now, Bucket before) {
        MetricValues current = (now == null ? new Bucket() : now).values();
        MetricValues previous = (before == null ? new Bucket() : before).values();
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
