package io.promptwatch.reporting.control;

import io.promptwatch.metrics.entity.MetricValues;
import io.promptwatch.reporting.entity.ComprehensiveReport;
import io.promptwatch.reporting.entity.ComprehensiveReport.CostRow;
import io.promptwatch.reporting.entity.ComprehensiveReport.Overview;
import io.promptwatch.reporting.entity.ComprehensiveReport.PromptRow;
import io.promptwatch.reporting.entity.ComprehensiveReport.VersionChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Composes the comprehensive report. The ranking: prompts with at least {@code minSamples} records
 * in the period, ordered by success rate, then by average quality (a prompt without scores after
 * those with), then by id; the top performers are the first {@code performers} of that order, the
 * under-performers the last {@code performers} not already among the top, worst first. A prompt with
 * fewer records is not ranked (a handful of records says little), and the warnings count them.
 */
public record ComprehensiveContent(long minSamples, int performers) {

    public ComprehensiveContent {
        if (minSamples < 1 || performers < 1) {
            throw new IllegalArgumentException("min-samples and performers must be ≥ 1; got " + minSamples + " and " + performers);
        }
    }

    static final Comparator<PromptRow> BEST_FIRST = Comparator
            .comparing(PromptRow::successRate, Comparator.reverseOrder())
            .thenComparing(PromptRow::qualityAvg, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(PromptRow::promptId);

    public ComprehensiveReport compose(PeriodFigures f, Instant generatedAt) {
        List<String> warnings = new ArrayList<>(f.readingNotes());
        MetricValues all = f.overall();
        if (all.executions() == 0) {
            warnings.add("No records in the period: its rates, latencies, satisfaction and cost are undefined.");
        } else if (all.feedbackCount() == 0) {
            warnings.add("No user feedback in the period: user satisfaction is undefined.");
        }
        int withRecords = (int) f.prompts().values().stream().filter(m -> m.executions() > 0).count();
        Overview overview = new Overview(all.executions(), all.successRate(), all.latencyAvgMs(), all.latencyP95Ms(),
                all.feedbackAvg(), all.executions() == 0 ? null : all.costSum(), withRecords, f.warningAlerts(),
                f.criticalAlerts(), f.rollbacks());

        List<PromptRow> ranked = new ArrayList<>();
        int unranked = 0;
        for (Map.Entry<String, MetricValues> p : f.prompts().entrySet()) {
            MetricValues m = p.getValue();
            if (m.executions() >= minSamples && m.successRate() != null) {
                ranked.add(new PromptRow(p.getKey(), m.executions(), m.successRate(), m.qualityAvg(), m.latencyP95Ms(), m.costSum()));
            } else if (m.executions() > 0) {
                unranked++;
            }
        }
        if (unranked > 0) {
            warnings.add(unranked + " prompt(s) with fewer than " + minSamples
                    + " records in the period are not ranked (promptwatch.reporting.min-samples).");
        }
        ranked.sort(BEST_FIRST);
        List<PromptRow> top = List.copyOf(ranked.subList(0, Math.min(performers, ranked.size())));
        Set<String> inTop = new HashSet<>();
        top.forEach(r -> inTop.add(r.promptId()));
        List<PromptRow> under = new ArrayList<>();
        for (int i = ranked.size() - 1; i >= 0 && under.size() < performers; i--) {
            if (!inTop.contains(ranked.get(i).promptId())) {
                under.add(ranked.get(i));
            }
        }
        List<VersionChange> changes = new ArrayList<>(f.changes());
        changes.sort(Comparator.comparing(VersionChange::at).thenComparing(VersionChange::promptId));
        return new ComprehensiveReport(f.days(), f.from(), f.to(), overview, top, List.copyOf(under), List.copyOf(changes),
                costs(f.models()), costs(f.prompts()), List.copyOf(warnings), generatedAt);
    }

    /** Rows by cost, highest first, each with its share of the rows' total (undefined when that is 0). */
    static List<CostRow> costs(Map<String, MetricValues> groups) {
        double total = groups.values().stream().mapToDouble(MetricValues::costSum).sum();
        List<CostRow> rows = new ArrayList<>();
        groups.forEach((name, m) -> rows.add(new CostRow(name, m.executions(), m.costSum(), m.costAvg(),
                total > 0 ? m.costSum() / total : null)));
        rows.sort(Comparator.comparing(CostRow::costSum, Comparator.reverseOrder()).thenComparing(CostRow::name));
        return rows;
    }
}
