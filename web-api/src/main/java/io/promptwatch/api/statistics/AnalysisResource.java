package io.promptwatch.api.statistics;

import io.promptwatch.api.JsonBodies;
import io.promptwatch.problem.ProblemException;
import io.promptwatch.security.entity.Role;
import io.promptwatch.statistics.boundary.Analyses;
import io.promptwatch.statistics.boundary.Comparison;
import io.promptwatch.statistics.boundary.FeatureAnalyses;
import io.promptwatch.statistics.boundary.PValueAdjustment;
import io.promptwatch.statistics.boundary.PowerAnalysis;
import io.promptwatch.statistics.boundary.SuccessMatrix;
import io.promptwatch.statistics.boundary.TimeSeriesAnalyses;
import io.promptwatch.statistics.entity.SeriesPoint;
import io.promptwatch.tracking.boundary.FeatureRow;
import io.promptwatch.tracking.boundary.MetricField;
import io.promptwatch.tracking.boundary.RecordSelection;
import io.promptwatch.tracking.boundary.SampleReader.Counts;
import io.promptwatch.tracking.boundary.SampleReader;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Statistical analyses over HTTP. Each takes either a selection of stored records or the data
 * itself ({@code samples} for a continuous metric, {@code counts} for success), so offline
 * evaluation data can be tested the same way. Conventions are stated in every answer.
 */
@Path("analysis")
@RequestScoped
@RolesAllowed(Role.VIEWER_NAME)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AnalysisResource {

    static final double DEFAULT_ALPHA = 0.05;

    public record SampleSizeAnswer(String kind, double alpha, Double power, Double exactPerGroup, Long perGroup,
                                   Double nPerGroup, String method) {
    }

    public record Adjusted(List<Double> pValues, List<Double> holm, List<Double> benjaminiHochberg) {
    }

    @EJB
    Analyses analyses;

    @EJB
    FeatureAnalyses featureAnalyses;

    @EJB
    TimeSeriesAnalyses timeSeries;

    @EJB
    SampleReader samples;

    @POST
    @Path("compare")
    @Operation(summary = "A/B or A/B/n comparison of one metric: Welch t and Mann-Whitney (continuous) or two-proportion "
            + "z and chi-square (success), effect sizes, Holm-adjusted p-values, recommendation. Body: metric, alpha, "
            + "practicalThreshold and exactly one of selection {promptId, versions|templateIds, model, from, to}, "
            + "samples {group: [values]} or counts [{group, successes, n}]; the first group is the control.")
    public Comparison compare(JsonObject body) {
        Json json = new Json(required(body));
        String metricName = json.string("metric", "qualityScore");
        MetricField metric = MetricField.parse(metricName).orElseThrow(() -> ProblemException.invalid("metric",
                "metric must be one of " + MetricField.names() + "; got '" + metricName + "'"));
        Analyses.Settings settings = new Analyses.Settings(json.number("alpha", DEFAULT_ALPHA),
                json.number("practicalThreshold", 0.0));
        int sources = (body.containsKey("selection") ? 1 : 0) + (body.containsKey("samples") ? 1 : 0)
                + (body.containsKey("counts") ? 1 : 0);
        if (sources != 1) {
            throw ProblemException.invalid("selection", "give exactly one of selection, samples or counts");
        }
        if (body.containsKey("selection")) {
            return analyses.compareStored(selection(json.object("selection")), metric, settings);
        }
        if (body.containsKey("samples")) {
            if (metric.binary()) {
                throw ProblemException.invalid("samples", "success is binary: give counts, not samples");
            }
            return analyses.compareSamples(metric, samples(json.object("samples")), settings);
        }
        if (!metric.binary()) {
            throw ProblemException.invalid("counts", "counts are for the binary metric success; give samples for " + metricName);
        }
        return analyses.compareCounts(metric, counts(json.array("counts")), settings);
    }

    @POST
    @Path("sample-size")
    @Operation(summary = "Sample size per group for kind=means (delta, sd) or kind=proportions (p1, p2) at alpha and "
            + "power (noncentral t for means); or, given n, the power reached")
    public SampleSizeAnswer sampleSize(JsonObject body) {
        Json json = new Json(required(body));
        String kind = json.string("kind", "means");
        double alpha = json.number("alpha", DEFAULT_ALPHA);
        boolean means = switch (kind) {
            case "means" -> true;
            case "proportions" -> false;
            default -> throw ProblemException.invalid("kind", "kind must be means or proportions; got '" + kind + "'");
        };
        // means: a = delta, b = sd; proportions: a = p1, b = p2.
        double a = json.requiredNumber(means ? "delta" : "p1");
        double b = json.requiredNumber(means ? "sd" : "p2");
        String method = means ? "two-sample two-sided t-test, noncentral t (as R power.t.test)"
                : "two-sided test of two proportions (as R power.prop.test)";
        if (body.containsKey("n")) {
            double n = json.requiredNumber("n");
            double power = means ? analyses.powerForMeans(n, a, b, alpha) : analyses.powerForProportions(n, a, b, alpha);
            return new SampleSizeAnswer(kind, alpha, power, null, null, n, method);
        }
        double power = json.number("power", 0.8);
        PowerAnalysis.SampleSize size = means ? analyses.sampleSizeForMeans(a, b, alpha, power)
                : analyses.sampleSizeForProportions(a, b, alpha, power);
        return new SampleSizeAnswer(kind, alpha, power, size.exact(), size.perGroup(), null, method);
    }

    @POST
    @Path("adjust")
    @Operation(summary = "Holm and Benjamini-Hochberg adjustment of a list of p-values (same order as given)")
    public Adjusted adjust(JsonObject body) {
        Json json = new Json(required(body));
        double[] p = json.numbers(json.array("pValues"), "pValues");
        for (double v : p) {
            if (!(v >= 0 && v <= 1)) {
                throw ProblemException.invalid("pValues", "every p-value must lie in [0, 1]; got " + v);
            }
        }
        if (p.length == 0) {
            throw ProblemException.invalid("pValues", "give at least one p-value");
        }
        return new Adjusted(boxed(p), boxed(PValueAdjustment.holm(p)), boxed(PValueAdjustment.benjaminiHochberg(p)));
    }

    @POST
    @Path("correlations")
    @Operation(summary = "Pearson (r, p, CI) and Spearman (rho, p) of record features (latencyMs, totalTokens, temperature, "
            + "difficulty as ordinal, cost, qualityScore) with targets (success, qualityScore). Data: selection {promptId, "
            + "version, model, from, to} or rows [{feature: value}]")
    public List<FeatureAnalyses.Correlation> correlations(JsonObject body) {
        Json json = new Json(required(body));
        List<String> targets = json.strings("targets", List.of("success", "qualityScore"));
        List<String> features = json.strings("features", FeatureRow.NAMES.stream().filter(f -> !targets.contains(f)).toList());
        return features.isEmpty() ? List.of() : featureAnalyses.correlations(rows(json, body), features, targets,
                1 - json.number("alpha", DEFAULT_ALPHA));
    }

    @POST
    @Path("success-model")
    @Operation(summary = "Logistic regression of success on features (default latencyMs, totalTokens, temperature), fitted by "
            + "IRLS on a seeded training split: coefficients, standard errors, z, p, held-out accuracy and ROC AUC; "
            + "separable or rank-deficient data are refused with 422")
    public FeatureAnalyses.SuccessModel successModel(JsonObject body) {
        Json json = new Json(required(body));
        return featureAnalyses.successModel(rows(json, body), json.strings("features", List.of("latencyMs", "totalTokens", "temperature")),
                json.number("testShare", 0.3), (long) json.number("seed", 42));
    }

    @POST
    @Path("timeseries")
    @Operation(summary = "Trend (slope per day, SE, p, R^2, direction), hour-of-day and day-of-week seasonality with F tests, "
            + "anomalies (z > 3, 1.5 IQR fences with type-7 quartiles, modified z > 3.5 from the MAD) and a Holt-Winters "
            + "forecast with 80/95 % intervals. Data: points [{time, value}] or selection {promptId, version, model, metric, "
            + "bucket 1h|1d, from, to}: the metric's mean per bucket from the rollups (success rate for success)")
    public TimeSeriesAnalyses.Analysis timeseries(JsonObject body) {
        Json json = new Json(required(body));
        int horizon = (int) json.number("horizon", 24);
        List<SeriesPoint> points;
        String bucket = null;
        if (body.containsKey("selection") == body.containsKey("points")) {
            throw ProblemException.invalid("points", "give exactly one of points or selection");
        }
        if (body.containsKey("points")) {
            points = new ArrayList<>();
            for (JsonValue item : json.array("points")) {
                if (item.getValueType() != JsonValue.ValueType.OBJECT) {
                    throw ProblemException.invalid("points", "each point is an object {time, value}");
                }
                Json point = new Json(item.asJsonObject());
                points.add(new SeriesPoint(JsonBodies.instant("points.time", point.string("time", null)), point.requiredNumber("value")));
            }
        } else {
            Json selection = new Json(json.object("selection"));
            String metricName = selection.string("metric", "qualityScore");
            MetricField metric = MetricField.parse(metricName).orElseThrow(() -> ProblemException.invalid("selection.metric",
                    "metric must be one of " + MetricField.names()));
            bucket = selection.string("bucket", "1h");
            points = timeSeries.storedSeries(selection.string("promptId", null), selection.string("version", null),
                    selection.string("model", null), metric, bucket, selection.instant("from"), selection.instant("to"));
        }
        Integer period = body.containsKey("period") && body.get("period") != JsonValue.NULL ? (int) json.number("period", 0)
                : "1d".equals(bucket) ? Integer.valueOf(7) : Integer.valueOf(24);
        return timeSeries.analyse(points, bucket, horizon, period, json.number("alpha", DEFAULT_ALPHA));
    }

    private List<FeatureRow> rows(Json json, JsonObject body) {
        if (body.containsKey("selection") == body.containsKey("rows")) {
            throw ProblemException.invalid("selection", "give exactly one of selection or rows");
        }
        if (body.containsKey("selection")) {
            Json s = new Json(json.object("selection"));
            return samples.featureRows(s.string("promptId", null), s.string("version", null), s.string("model", null),
                    s.instant("from"), s.instant("to"));
        }
        List<FeatureRow> rows = new ArrayList<>();
        for (JsonValue item : json.array("rows")) {
            if (item.getValueType() != JsonValue.ValueType.OBJECT) {
                throw ProblemException.invalid("rows", "each row is an object of feature values");
            }
            JsonObject row = item.asJsonObject();
            double[] v = FeatureRow.NAMES.stream().mapToDouble(name -> feature(row.get(name), name)).toArray();
            rows.add(new FeatureRow(v[0], v[1], v[2], v[3], v[4], v[5], v[6]));
        }
        return rows;
    }

    private static double feature(JsonValue value, String name) {
        if (value == null || value == JsonValue.NULL) {
            return Double.NaN;
        }
        return switch (value.getValueType()) {
            case NUMBER -> ((JsonNumber) value).doubleValue();
            case TRUE -> 1;
            case FALSE -> 0;
            case STRING -> FeatureRow.ordinal(((JsonString) value).getString());
            default -> throw ProblemException.invalid("rows." + name, "must be a number, a boolean or (difficulty) a word");
        };
    }

    @GET
    @Path("matrix")
    @Operation(summary = "Prompt x model success rates in [from, to) with Wilson 95 % intervals (heatmap data), and per "
            + "prompt the chi-square test across its models and the spread of their rates")
    public SuccessMatrix matrix(@QueryParam("from") String from, @QueryParam("to") String to) {
        return analyses.matrix(JsonBodies.instant("from", from), JsonBodies.instant("to", to), 1 - DEFAULT_ALPHA);
    }


    private static RecordSelection selection(JsonObject s) {
        Json json = new Json(s);
        boolean byTemplate = s.containsKey("templateIds");
        JsonArray groups = json.array(byTemplate ? "templateIds" : "versions");
        List<String> names = new ArrayList<>();
        for (JsonValue g : groups) {
            if (!(g instanceof JsonString str)) {
                throw ProblemException.invalid("selection." + (byTemplate ? "templateIds" : "versions"), "must be strings");
            }
            names.add(str.getString());
        }
        return new RecordSelection(json.string("promptId", null),
                byTemplate ? RecordSelection.GroupBy.TEMPLATE : RecordSelection.GroupBy.VERSION, names,
                json.string("model", null), json.instant("from"), json.instant("to"));
    }

    private static Map<String, double[]> samples(JsonObject samples) {
        Map<String, double[]> groups = new LinkedHashMap<>();
        Json json = new Json(samples);
        samples.forEach((name, values) -> {
            if (values.getValueType() != JsonValue.ValueType.ARRAY) {
                throw ProblemException.invalid("samples." + name, "must be an array of numbers");
            }
            groups.put(name, json.numbers(values.asJsonArray(), "samples." + name));
        });
        return groups;
    }

    private static Map<String, Counts> counts(JsonArray counts) {
        Map<String, Counts> groups = new LinkedHashMap<>();
        for (JsonValue item : counts) {
            if (item.getValueType() != JsonValue.ValueType.OBJECT) {
                throw ProblemException.invalid("counts", "each entry is an object {group, successes, n}");
            }
            Json c = new Json(item.asJsonObject());
            String group = c.string("group", null);
            if (group == null || groups.containsKey(group)) {
                throw ProblemException.invalid("counts", "each entry needs a distinct group name");
            }
            groups.put(group, new Counts((long) c.requiredNumber("successes"), (long) c.requiredNumber("n")));
        }
        return groups;
    }

    private static JsonObject required(JsonObject body) {
        if (body == null) {
            throw ProblemException.invalid("body", "a JSON object is required");
        }
        return body;
    }

    private static List<Double> boxed(double[] values) {
        return java.util.Arrays.stream(values).boxed().toList();
    }

    /** Typed reads of a request object that refuse, naming the field, what does not fit. */
    private record Json(JsonObject o) {
        String string(String field, String fallback) {
            JsonValue v = o.get(field);
            if (v == null || v == JsonValue.NULL) {
                return fallback;
            }
            if (!(v instanceof JsonString s)) {
                throw ProblemException.invalid(field, "must be a string");
            }
            return s.getString();
        }

        double number(String field, double fallback) {
            JsonValue v = o.get(field);
            if (v == null || v == JsonValue.NULL) {
                return fallback;
            }
            if (!(v instanceof JsonNumber n)) {
                throw ProblemException.invalid(field, "must be a number");
            }
            return n.doubleValue();
        }

        double requiredNumber(String field) {
            if (!o.containsKey(field)) {
                throw ProblemException.invalid(field, "is required");
            }
            return number(field, Double.NaN);
        }

        JsonObject object(String field) {
            JsonValue v = o.get(field);
            if (v == null || v.getValueType() != JsonValue.ValueType.OBJECT) {
                throw ProblemException.invalid(field, "must be a JSON object");
            }
            return v.asJsonObject();
        }

        List<String> strings(String field, List<String> fallback) {
            if (!o.containsKey(field) || o.get(field) == JsonValue.NULL) {
                return fallback;
            }
            List<String> values = new ArrayList<>();
            for (JsonValue v : array(field)) {
                if (!(v instanceof JsonString str)) {
                    throw ProblemException.invalid(field, "must hold strings only");
                }
                values.add(str.getString());
            }
            return values;
        }

        JsonArray array(String field) {
            JsonValue v = o.get(field);
            if (v == null || v.getValueType() != JsonValue.ValueType.ARRAY) {
                throw ProblemException.invalid(field, "must be a JSON array");
            }
            return v.asJsonArray();
        }

        double[] numbers(JsonArray array, String field) {
            double[] values = new double[array.size()];
            for (int i = 0; i < values.length; i++) {
                if (!(array.get(i) instanceof JsonNumber n)) {
                    throw ProblemException.invalid(field, "must hold numbers only");
                }
                values[i] = n.doubleValue();
            }
            return values;
        }

        Instant instant(String field) {
            return JsonBodies.instant("selection." + field, string(field, null));
        }
    }
}
