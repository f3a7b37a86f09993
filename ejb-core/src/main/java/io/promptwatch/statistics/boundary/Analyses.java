package io.promptwatch.statistics.boundary;

import io.promptwatch.problem.ProblemException;
import io.promptwatch.statistics.control.ChiSquareResult;
import io.promptwatch.statistics.control.Magnitude;
import io.promptwatch.statistics.control.MannWhitneyResult;
import io.promptwatch.statistics.control.ProportionResult;
import io.promptwatch.statistics.control.ProportionTests;
import io.promptwatch.statistics.control.TwoSampleTests;
import io.promptwatch.statistics.control.WelchResult;
import io.promptwatch.statistics.control.WilsonInterval;
import io.promptwatch.tracking.boundary.MetricField;
import io.promptwatch.tracking.boundary.RecordSelection;
import io.promptwatch.tracking.boundary.SampleReader.Counts;
import io.promptwatch.tracking.boundary.SampleReader;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.StatUtils;

/**
 * A/B and A/B/n comparisons, on stored records or on data given explicitly, with the conventions
 * stated in every answer: two-sided tests, the first group is the control, a difference is
 * variant − control, variants are Holm-adjusted against each other.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class Analyses {

    static final String CONVENTIONS = "Two-sided tests; the first group is the control; difference = variant - control; "
            + "p-values of several variants are Holm-adjusted; statisticallySignificant: adjusted p < alpha; "
            + "practicallySignificant: statistically significant and |difference| >= practicalThreshold.";
    private static final int SMALL_SAMPLE = 30;

    @EJB
    SampleReader samples;

    /** The parameters every comparison takes. */
    public record Settings(double alpha, double practicalThreshold) {
        public Settings {
            if (!(alpha > 0 && alpha < 1)) {
                throw ProblemException.invalid("alpha", "alpha must lie strictly between 0 and 1");
            }
            if (!(practicalThreshold >= 0) || Double.isInfinite(practicalThreshold)) {
                throw ProblemException.invalid("practicalThreshold", "practicalThreshold must be a number >= 0");
            }
        }

        double confidence() {
            return 1 - alpha;
        }
    }

    public Comparison compareStored(RecordSelection selection, MetricField metric, Settings settings) {
        return metric.binary()
                ? compareCounts(metric, samples.successCounts(selection), settings)
                : compareSamples(metric, samples.values(selection, metric), settings);
    }

    public Comparison compareSamples(MetricField metric, Map<String, double[]> groups, Settings settings) {
        List<String> names = names(groups.keySet(), "samples");
        List<String> warnings = new ArrayList<>();
        List<Comparison.Group> summaries = new ArrayList<>();
        for (String name : names) {
            double[] values = groups.get(name);
            if (values.length < 2) {
                throw ProblemException.unprocessable("samples", "group '" + name + "' has " + values.length
                        + " values; a comparison needs at least 2 per group");
            }
            if (values.length < SMALL_SAMPLE) {
                warnings.add("group '" + name + "' has only " + values.length + " values: the t-test leans on the means "
                        + "being roughly normal, trust the Mann-Whitney test more");
            }
            double mean = StatUtils.mean(values);
            double sd = Math.sqrt(StatUtils.variance(values, mean));
            summaries.add(new Comparison.Group(name, values.length, mean, sd, null, null));
        }
        double[] control = groups.get(names.get(0));
        List<Comparison.Pair> pairs = new ArrayList<>();
        double[] pValues = new double[names.size() - 1];
        List<WelchResult> welch = new ArrayList<>();
        for (int i = 1; i < names.size(); i++) {
            double[] variant = groups.get(names.get(i));
            WelchResult w = guarded(() -> TwoSampleTests.welch(control, variant, settings.confidence()));
            welch.add(w);
            pValues[i - 1] = w.pValue();
        }
        double[] holm = PValueAdjustment.holm(pValues);
        for (int i = 1; i < names.size(); i++) {
            double[] variant = groups.get(names.get(i));
            WelchResult w = welch.get(i - 1);
            MannWhitneyResult mw = guarded(() -> TwoSampleTests.mannWhitney(control, variant));
            double d = TwoSampleTests.cohensD(control, variant);
            pairs.add(pair(names.get(0), names.get(i), w.difference(), w.ciLow(), w.ciHigh(), w, mw, null,
                    "cohensD", d, w.pValue(), holm[i - 1], settings));
        }
        return new Comparison(metric.jsonName(), "continuous", settings.alpha(), settings.confidence(),
                settings.practicalThreshold(), CONVENTIONS, summaries, pairs, null,
                recommendation(metric, pairs, settings.confidence()), List.copyOf(warnings));
    }

    public Comparison compareCounts(MetricField metric, Map<String, Counts> groups, Settings settings) {
        List<String> names = names(groups.keySet(), "counts");
        List<String> warnings = new ArrayList<>();
        List<Comparison.Group> summaries = new ArrayList<>();
        for (String name : names) {
            Counts c = groups.get(name);
            if (c.n() < 1 || c.successes() < 0 || c.successes() > c.n()) {
                throw ProblemException.unprocessable("counts", "group '" + name + "' needs 0 <= successes <= n and n >= 1; got "
                        + c.successes() + " of " + c.n());
            }
            if (c.successes() < 5 || c.n() - c.successes() < 5) {
                warnings.add("group '" + name + "' has fewer than 5 successes or failures: the normal approximation "
                        + "of the z-test (and chi-square) is unreliable");
            }
            summaries.add(new Comparison.Group(name, c.n(), null, null, c.successes(), (double) c.successes() / c.n()));
        }
        Counts control = groups.get(names.get(0));
        List<ProportionResult> tests = new ArrayList<>();
        for (int i = 1; i < names.size(); i++) {
            Counts v = groups.get(names.get(i));
            tests.add(guarded(() -> ProportionTests.twoProportions(control.successes(), control.n(), v.successes(), v.n(),
                    settings.confidence())));
        }
        double[] holm = PValueAdjustment.holm(tests.stream().mapToDouble(ProportionResult::pValue).toArray());
        List<Comparison.Pair> pairs = new ArrayList<>();
        for (int i = 1; i < names.size(); i++) {
            ProportionResult p = tests.get(i - 1);
            double h = ProportionTests.cohensH(p.rateControl(), p.rateVariant());
            pairs.add(pair(names.get(0), names.get(i), p.difference(), p.ciLow(), p.ciHigh(), null, null, p,
                    "cohensH", h, p.pValue(), holm[i - 1], settings));
        }
        ChiSquareResult homogeneity = null;
        if (names.size() > 2) {
            long[] successes = names.stream().mapToLong(n -> groups.get(n).successes()).toArray();
            long[] totals = names.stream().mapToLong(n -> groups.get(n).n()).toArray();
            homogeneity = guarded(() -> ProportionTests.homogeneity(successes, totals));
        }
        return new Comparison(metric.jsonName(), "binary", settings.alpha(), settings.confidence(),
                settings.practicalThreshold(), CONVENTIONS, summaries, pairs, homogeneity,
                recommendation(metric, pairs, settings.confidence()), List.copyOf(warnings));
    }

    /** Prompt × model success rates over [from, to), with Wilson intervals and each prompt's discrimination power. */
    public SuccessMatrix matrix(Instant from, Instant to, double confidence) {
        Map<String, List<SuccessMatrix.Cell>> byPrompt = new LinkedHashMap<>();
        java.util.SortedSet<String> models = new java.util.TreeSet<>();
        for (SampleReader.PromptModelCounts c : samples.successByPromptAndModel(from, to)) {
            WilsonInterval ci = WilsonInterval.of(c.counts().successes(), c.counts().n(), confidence);
            byPrompt.computeIfAbsent(c.promptId(), k -> new ArrayList<>()).add(new SuccessMatrix.Cell(c.model(), c.counts().n(),
                    c.counts().successes(), (double) c.counts().successes() / c.counts().n(), ci.low(), ci.high()));
            models.add(c.model());
        }
        List<SuccessMatrix.Row> rows = new ArrayList<>();
        byPrompt.forEach((prompt, cells) -> {
            if (cells.size() < 2) {
                rows.add(new SuccessMatrix.Row(prompt, cells, null, null, null, null));
                return;
            }
            ChiSquareResult chi = ProportionTests.homogeneity(cells.stream().mapToLong(SuccessMatrix.Cell::successes).toArray(),
                    cells.stream().mapToLong(SuccessMatrix.Cell::n).toArray());
            double spread = cells.stream().mapToDouble(SuccessMatrix.Cell::rate).max().orElseThrow()
                    - cells.stream().mapToDouble(SuccessMatrix.Cell::rate).min().orElseThrow();
            rows.add(new SuccessMatrix.Row(prompt, cells, chi.statistic(), chi.df(), chi.pValue(), spread));
        });
        return new SuccessMatrix(confidence, "Wilson score interval", List.copyOf(models), rows);
    }

    public PowerAnalysis.SampleSize sampleSizeForMeans(double delta, double sd, double alpha, double power) {
        return guarded(() -> PowerAnalysis.forMeans(delta, sd, alpha, power));
    }

    public double powerForMeans(double n, double delta, double sd, double alpha) {
        return guarded(() -> PowerAnalysis.powerForMeans(n, delta, sd, alpha));
    }

    public PowerAnalysis.SampleSize sampleSizeForProportions(double p1, double p2, double alpha, double power) {
        return guarded(() -> PowerAnalysis.forProportions(p1, p2, alpha, power));
    }

    public double powerForProportions(double n, double p1, double p2, double alpha) {
        return guarded(() -> PowerAnalysis.powerForProportions(n, p1, p2, alpha));
    }

    private static Comparison.Pair pair(String control, String variant, double difference, double ciLow, double ciHigh,
                                        WelchResult welch, MannWhitneyResult mw, ProportionResult proportions,
                                        String effectName, double effect, double p, double pHolm, Settings settings) {
        boolean significant = pHolm < settings.alpha();
        boolean practical = significant && Math.abs(difference) >= settings.practicalThreshold();
        return new Comparison.Pair(control, variant, difference, ciLow, ciHigh, welch, mw, proportions, effectName, effect,
                Magnitude.of(Math.abs(effect)), p, pHolm, significant, practical);
    }

    static String recommendation(MetricField metric, List<Comparison.Pair> pairs, double confidence) {
        List<String> lines = new ArrayList<>();
        for (Comparison.Pair p : pairs) {
            boolean better = (p.difference() > 0) == metric.higherIsBetter();
            String change = String.format("%s changes %s by %+.4g (%.0f%% CI %.4g to %.4g, adjusted p = %.3g)", p.variant(),
                    metric.jsonName(), p.difference(), 100 * confidence, p.ciLow(), p.ciHigh(), p.pValueHolm());
            if (!p.statisticallySignificant()) {
                lines.add(change + ": no significant difference from " + p.control() + "; keep collecting data or keep "
                        + p.control() + ".");
            } else if (!p.practicallySignificant()) {
                lines.add(change + ": significant but below the practical threshold; the change is too small to matter.");
            } else if (better) {
                lines.add(change + ": a real improvement over " + p.control() + " (" + p.magnitude().name().toLowerCase()
                        + " effect); consider deploying " + p.variant() + ".");
            } else {
                lines.add(change + ": significantly worse than " + p.control() + " (" + p.magnitude().name().toLowerCase()
                        + " effect); do not deploy " + p.variant() + ".");
            }
        }
        return String.join(" ", lines);
    }

    private static List<String> names(java.util.Set<String> keys, String field) {
        if (keys.size() < 2) {
            throw ProblemException.invalid(field, "two or more groups are needed, the first being the control");
        }
        return List.copyOf(keys);
    }

    /** Runs a computation whose argument checks speak for the request. */
    private static <T> T guarded(java.util.function.Supplier<T> computation) {
        try {
            return computation.get();
        } catch (IllegalArgumentException e) {
            throw ProblemException.unprocessable(null, e.getMessage());
        }
    }
}
