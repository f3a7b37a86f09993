package io.promptwatch.reporting.control;

import io.promptwatch.reporting.entity.DailyReport.ErrorRow;
import io.promptwatch.reporting.entity.DailyReport.ModelRow;
import io.promptwatch.reporting.entity.DailyReport.VersionRow;
import io.promptwatch.reporting.entity.Recommendation;
import io.promptwatch.reporting.entity.Recommendation.Rule;
import io.promptwatch.reporting.entity.Unit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The daily report's recommendations, each from one rule over the day's tables, so that a reader can
 * check it against the figures beside it (and the rule's criterion with its thresholds is printed
 * with it). The rules and their settings ({@code promptwatch.reporting.*}):
 * <ol>
 * <li>{@link Rule#VERSION_BELOW_BASELINE}: a version with at least {@code minSamples} records on the day
 *     whose success rate is below its baseline's expected accuracy;</li>
 * <li>{@link Rule#VERSION_SLOWER_THAN_BASELINE}: such a version whose p95 latency is above its
 *     baseline's p95;</li>
 * <li>{@link Rule#ERROR_TYPE_DOUBLED}: an error type with at least {@code errorMinCount} occurrences
 *     and at least {@code errorFactor} times the day before's count (a type new today qualifies);</li>
 * <li>{@link Rule#CHEAPER_MODEL}: for a model that served the prompt, another model whose success rate
 *     is at most {@code maxSuccessGap} below (0.01: one percentage point) and whose cost per execution
 *     is at least {@code minSaving} lower (0.20: 20 %), both with at least {@code cheaperMinRecords}
 *     records; the cheapest such model is named.</li>
 * </ol>
 * Comparisons allow a relative {@value #ROUNDING} for floating-point rounding, so that a rate exactly
 * one point below, or a cost exactly 20 % lower, counts as the rule says.
 */
public record RecommendationRules(long minSamples, long errorMinCount, double errorFactor, long cheaperMinRecords,
                                  double maxSuccessGap, double minSaving) {

    static final double ROUNDING = 1e-9;

    public RecommendationRules {
        if (minSamples < 1 || errorMinCount < 1 || !(errorFactor >= 1) || cheaperMinRecords < 1 || !(maxSuccessGap >= 0)
                || !(minSaving > 0 && minSaving < 1)) {
            throw new IllegalArgumentException("recommendation thresholds out of range: min-samples " + minSamples
                    + ", error min-count " + errorMinCount + ", error factor " + errorFactor + ", cheaper-model min-records "
                    + cheaperMinRecords + ", max-success-gap " + maxSuccessGap + ", min-saving " + minSaving);
        }
    }

    public List<Recommendation> all(List<VersionRow> versions, List<ErrorRow> errors, List<ModelRow> models) {
        List<Recommendation> all = new ArrayList<>(versions(versions));
        all.addAll(errors(errors));
        all.addAll(models(models));
        return all;
    }

    public List<Recommendation> versions(List<VersionRow> versions) {
        List<Recommendation> found = new ArrayList<>();
        for (VersionRow v : versions) {
            if (v.executions() < minSamples) {
                continue;
            }
            if (v.successRate() != null && v.baselineSuccessRate() != null && v.successRate() < v.baselineSuccessRate()) {
                found.add(new Recommendation(Rule.VERSION_BELOW_BASELINE, v.version(),
                        "Version " + v.version() + " succeeded in " + Figures.rate(v.successRate()) + " of " + v.executions()
                                + " executions, below its baseline of " + Figures.rate(v.baselineSuccessRate())
                                + ": review it against its rollback reference.",
                        "success rate below the baseline's expected accuracy, at least " + minSamples + " records"));
            }
            if (v.latencyP95Ms() != null && v.baselineLatencyP95Ms() != null && v.latencyP95Ms() > v.baselineLatencyP95Ms()) {
                found.add(new Recommendation(Rule.VERSION_SLOWER_THAN_BASELINE, v.version(),
                        "Version " + v.version() + " had a p95 latency of " + Figures.ms(v.latencyP95Ms()) + " over "
                                + v.executions() + " executions, above its baseline of " + Figures.ms(v.baselineLatencyP95Ms())
                                + ": check the prompt's length and the model's latency.",
                        "p95 latency above the baseline's p95, at least " + minSamples + " records"));
            }
        }
        return found;
    }

    public List<Recommendation> errors(List<ErrorRow> errors) {
        List<Recommendation> found = new ArrayList<>();
        for (ErrorRow e : errors) {
            if (e.count() >= errorMinCount && e.count() >= errorFactor * e.yesterday() * (1 - ROUNDING)) {
                String change = e.yesterday() == 0 ? "new today (none the day before)"
                        : "up from " + e.yesterday() + " the day before";
                found.add(new Recommendation(Rule.ERROR_TYPE_DOUBLED, e.type(),
                        "Error type '" + e.type() + "' occurred " + e.count() + " times, " + change
                                + ": look at its error messages in the day's records.",
                        "at least " + errorMinCount + " occurrences and at least " + factor() + " times the day before"));
            }
        }
        return found;
    }

    public List<Recommendation> models(List<ModelRow> models) {
        List<ModelRow> eligible = models.stream()
                .filter(m -> m.executions() >= cheaperMinRecords && m.successRate() != null && m.costAvg() != null)
                .toList();
        List<Recommendation> found = new ArrayList<>();
        for (ModelRow current : eligible) {
            if (!(current.costAvg() > 0)) {
                continue;
            }
            eligible.stream()
                    .filter(other -> other != current)
                    .filter(other -> other.successRate() >= current.successRate() - maxSuccessGap - ROUNDING)
                    .filter(other -> other.costAvg() <= current.costAvg() * (1 - minSaving) * (1 + ROUNDING))
                    .min(Comparator.comparing(ModelRow::costAvg).thenComparing(ModelRow::successRate, Comparator.reverseOrder())
                            .thenComparing(ModelRow::model))
                    .ifPresent(cheaper -> found.add(new Recommendation(Rule.CHEAPER_MODEL, current.model(),
                            "Model " + cheaper.model() + " cost " + Figures.cost(cheaper.costAvg()) + " per execution, "
                                    + percent(1 - cheaper.costAvg() / current.costAvg()) + " less than " + current.model() + " ("
                                    + Figures.cost(current.costAvg()) + "), with a success rate of " + Figures.rate(cheaper.successRate())
                                    + " against " + Figures.rate(current.successRate()) + " (" + cheaper.executions() + " and "
                                    + current.executions() + " executions): consider " + cheaper.model() + " for this prompt.",
                            "success rate at most " + Figures.difference(maxSuccessGap, Unit.RATE).substring(1) + " below and cost per"
                                    + " execution at least " + percent(minSaving) + " lower, at least " + cheaperMinRecords
                                    + " records each")));
        }
        return found;
    }

    private String factor() {
        return errorFactor == Math.rint(errorFactor) ? Long.toString((long) errorFactor) : Double.toString(errorFactor);
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }
}
