package io.promptwatch.api.statistics;

import io.promptwatch.api.RequestObject;
import io.promptwatch.problem.ProblemException;
import io.promptwatch.statistics.boundary.AnalysisDefaults;
import io.promptwatch.statistics.boundary.Analyses;
import io.promptwatch.tracking.boundary.MetricField;
import io.promptwatch.tracking.boundary.RecordSelection;
import io.promptwatch.tracking.boundary.SampleReader.Counts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /analysis/compare}: one metric, the settings, and exactly one source of data, the
 * stored records of a {@code selection}, explicit {@code samples} of a continuous metric or the
 * {@code counts} of success; the other two are {@code null}.
 */
record ComparisonRequest(MetricField metric, Analyses.Settings settings, RecordSelection selection,
                         Map<String, double[]> samples, Map<String, Counts> counts) {

    static ComparisonRequest read(RequestObject body, AnalysisLimits limits) {
        MetricField metric = metric(body, "metric");
        Analyses.Settings settings = new Analyses.Settings(body.number("alpha", AnalysisDefaults.ALPHA),
                body.number("practicalThreshold", AnalysisDefaults.PRACTICAL_THRESHOLD));
        return switch (body.oneOf("selection", "selection", "samples", "counts")) {
            case "selection" -> new ComparisonRequest(metric, settings, selection(body.object("selection")), null, null);
            case "samples" -> {
                if (metric.binary()) {
                    throw body.invalid("samples", "success is binary: give counts, not samples");
                }
                yield new ComparisonRequest(metric, settings, null, samples(body.object("samples"), body.path("samples"), limits), null);
            }
            default -> {
                if (!metric.binary()) {
                    throw body.invalid("counts", "counts are for the binary metric success; give samples for "
                            + metric.jsonName());
                }
                yield new ComparisonRequest(metric, settings, null, null, counts(body, "counts"));
            }
        };
    }

    /** A metric by its JSON name; {@link AnalysisDefaults#METRIC} when it is not given. */
    static MetricField metric(RequestObject o, String name) {
        String given = o.string(name, null);
        if (given == null) {
            return AnalysisDefaults.METRIC;
        }
        return MetricField.parse(given).orElseThrow(() -> o.invalid(name,
                "metric must be one of " + MetricField.names() + "; got '" + given + "'"));
    }

    private static RecordSelection selection(RequestObject s) {
        boolean byTemplate = s.has("templateIds");
        String groupsName = byTemplate ? "templateIds" : "versions";
        List<String> groups = s.strings(groupsName, List.of());
        if (groups.size() < 2) {
            throw s.invalid(groupsName, "a selection needs two or more " + groupsName + ", the first being the control");
        }
        for (int i = 1; i < groups.size(); i++) {
            if (groups.subList(0, i).contains(groups.get(i))) {
                throw ProblemException.invalid(s.element(groupsName, i), "'" + groups.get(i) + "' is named twice");
            }
        }
        return new RecordSelection(s.requiredString("promptId"),
                byTemplate ? RecordSelection.GroupBy.TEMPLATE : RecordSelection.GroupBy.VERSION, groups,
                s.string("model", null), s.instant("from"), s.instant("to"));
    }

    /** Groups of values in the order given, the first being the control; all groups' values count against one limit. */
    private static Map<String, double[]> samples(RequestObject samples, String field, AnalysisLimits limits) {
        long values = 0;
        for (String name : samples.names()) {
            values += samples.size(name);
        }
        limits.samples(field, values, "values");
        Map<String, double[]> groups = new LinkedHashMap<>();
        for (String name : samples.names()) {
            groups.put(name, samples.numbers(name));
        }
        return groups;
    }

    private static Map<String, Counts> counts(RequestObject body, String name) {
        Map<String, Counts> groups = new LinkedHashMap<>();
        for (RequestObject c : body.objects(name)) {
            String group = c.requiredString("group");
            if (groups.containsKey(group)) {
                throw c.invalid("group", "each entry needs a distinct group name; '" + group + "' is named twice");
            }
            long n = c.requiredWholeNumber("n", 1, Long.MAX_VALUE);
            long successes = c.requiredWholeNumber("successes", 0, Long.MAX_VALUE);
            if (successes > n) {
                throw c.invalid("successes", "successes cannot exceed n; got " + successes + " of " + n);
            }
            groups.put(group, new Counts(successes, n));
        }
        return groups;
    }
}
