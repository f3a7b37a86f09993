package io.promptwatch.api.statistics;

import io.promptwatch.api.JsonBodies;
import io.promptwatch.api.RequestObject;
import io.promptwatch.problem.ProblemException;
import io.promptwatch.security.entity.Role;
import io.promptwatch.statistics.boundary.AnalysisDefaults;
import io.promptwatch.statistics.boundary.Analyses;
import io.promptwatch.statistics.boundary.Comparison;
import io.promptwatch.statistics.boundary.FeatureAnalyses;
import io.promptwatch.statistics.boundary.PValueAdjustment;
import io.promptwatch.statistics.boundary.PowerAnalysis;
import io.promptwatch.statistics.boundary.SuccessMatrix;
import io.promptwatch.statistics.boundary.TimeSeriesAnalyses;
import io.promptwatch.statistics.entity.SeriesPoint;
import io.promptwatch.tracking.boundary.FeatureRow;
import io.promptwatch.tracking.boundary.SampleReader;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/**
 * Statistical analyses over HTTP. Each takes either a selection of stored records or the data
 * itself ({@code samples} for a continuous metric, {@code counts} for success), so offline
 * evaluation data can be tested the same way. Conventions are stated in every answer.
 *
 * <p>A body arrives as text and is read into a request record ({@link ComparisonRequest} and its
 * siblings) by {@link RequestObject}, so that any JSON, of whatever shape, is either a valid
 * request or a 400 naming the field at fault; the defaults of what a request leaves out are
 * {@link AnalysisDefaults}, the most data one analysis takes are {@link AnalysisLimits}.
 */
@Path("analysis")
@RequestScoped
@RolesAllowed(Role.VIEWER_NAME)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AnalysisResource {

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

    @Inject
    @ConfigProperty(name = AnalysisLimits.MAX_HORIZON)
    int maxHorizon;

    @Inject
    @ConfigProperty(name = AnalysisLimits.MAX_POINTS)
    int maxPoints;

    @Inject
    @ConfigProperty(name = AnalysisLimits.MAX_SAMPLES)
    int maxSamples;

    @Inject
    @ConfigProperty(name = "promptwatch.json.max-depth")
    int maxDepth;

    @POST
    @Path("compare")
    @Operation(summary = "A/B or A/B/n comparison of one metric: Welch t and Mann-Whitney (continuous) or two-proportion "
            + "z and chi-square (success), effect sizes, Holm-adjusted p-values, recommendation. Body: metric, alpha, "
            + "practicalThreshold and exactly one of selection {promptId, versions|templateIds, model, from, to}, "
            + "samples {group: [values]} or counts [{group, successes, n}]; the first group is the control.")
    public Comparison compare(@RequestBody(content = @Content(schema = @Schema(type = SchemaType.OBJECT))) String body) {
        ComparisonRequest request = ComparisonRequest.read(RequestObject.parse(body, maxDepth), limits());
        if (request.selection() != null) {
            return analyses.compareStored(request.selection(), request.metric(), request.settings());
        }
        if (request.samples() != null) {
            return analyses.compareSamples(request.metric(), request.samples(), request.settings());
        }
        return analyses.compareCounts(request.metric(), request.counts(), request.settings());
    }

    @POST
    @Path("sample-size")
    @Operation(summary = "Sample size per group for kind=means (delta, sd) or kind=proportions (p1, p2) at alpha and "
            + "power (noncentral t for means); or, given n, the power reached")
    public SampleSizeAnswer sampleSize(@RequestBody(content = @Content(schema = @Schema(type = SchemaType.OBJECT))) String body) {
        SampleSizeRequest r = SampleSizeRequest.read(RequestObject.parse(body, maxDepth));
        String method = r.means() ? "two-sample two-sided t-test, noncentral t (as R power.t.test)"
                : "two-sided test of two proportions (as R power.prop.test)";
        if (r.nPerGroup() != null) {
            double power = r.means() ? analyses.powerForMeans(r.nPerGroup(), r.a(), r.b(), r.alpha())
                    : analyses.powerForProportions(r.nPerGroup(), r.a(), r.b(), r.alpha());
            return new SampleSizeAnswer(r.kind(), r.alpha(), power, null, null, r.nPerGroup(), method);
        }
        PowerAnalysis.SampleSize size = r.means() ? analyses.sampleSizeForMeans(r.a(), r.b(), r.alpha(), r.power())
                : analyses.sampleSizeForProportions(r.a(), r.b(), r.alpha(), r.power());
        return new SampleSizeAnswer(r.kind(), r.alpha(), r.power(), size.exact(), size.perGroup(), null, method);
    }

    @POST
    @Path("adjust")
    @Operation(summary = "Holm and Benjamini-Hochberg adjustment of a list of p-values (same order as given)")
    public Adjusted adjust(@RequestBody(content = @Content(schema = @Schema(type = SchemaType.OBJECT))) String body) {
        double[] p = AdjustmentRequest.read(RequestObject.parse(body, maxDepth), limits()).pValues();
        return new Adjusted(boxed(p), boxed(PValueAdjustment.holm(p)), boxed(PValueAdjustment.benjaminiHochberg(p)));
    }

    @POST
    @Path("correlations")
    @Operation(summary = "Pearson (r, p, CI) and Spearman (rho, p) of record features (latencyMs, totalTokens, temperature, "
            + "difficulty as ordinal, cost, qualityScore) with targets (success, qualityScore). Data: selection {promptId, "
            + "version, model, from, to} or rows [{feature: value}]")
    public List<FeatureAnalyses.Correlation> correlations(
            @RequestBody(content = @Content(schema = @Schema(type = SchemaType.OBJECT))) String body) {
        CorrelationRequest r = CorrelationRequest.read(RequestObject.parse(body, maxDepth), limits());
        return r.features().isEmpty() ? List.of()
                : featureAnalyses.correlations(rows(r.data()), r.features(), r.targets(), 1 - r.alpha());
    }

    @POST
    @Path("success-model")
    @Operation(summary = "Logistic regression of success on features (default latencyMs, totalTokens, temperature), fitted by "
            + "IRLS on a seeded training split: coefficients, standard errors, z, p, held-out accuracy and ROC AUC; "
            + "separable or rank-deficient data are refused with 422")
    public FeatureAnalyses.SuccessModel successModel(
            @RequestBody(content = @Content(schema = @Schema(type = SchemaType.OBJECT))) String body) {
        SuccessModelRequest r = SuccessModelRequest.read(RequestObject.parse(body, maxDepth), limits());
        return featureAnalyses.successModel(rows(r.data()), r.features(), r.testShare(), r.seed());
    }

    @POST
    @Path("timeseries")
    @Operation(summary = "Trend (slope per day, SE, p, R^2, direction), hour-of-day and day-of-week seasonality with F tests, "
            + "anomalies (z > 3, 1.5 IQR fences with type-7 quartiles, modified z > 3.5 from the MAD) and a Holt-Winters "
            + "forecast with 80/95 % intervals. Data: points [{time, value}] or selection {promptId, version, model, metric, "
            + "bucket 1h|1d, from, to}: the metric's mean per bucket from the rollups (success rate for success)")
    public TimeSeriesAnalyses.Analysis timeseries(
            @RequestBody(content = @Content(schema = @Schema(type = SchemaType.OBJECT))) String body) {
        TimeSeriesRequest r = TimeSeriesRequest.read(RequestObject.parse(body, maxDepth), limits());
        List<SeriesPoint> points = r.points();
        String bucket = null;
        if (r.selection() != null) {
            TimeSeriesRequest.StoredSeries s = r.selection();
            bucket = s.bucket();
            points = timeSeries.storedSeries(s.promptId(), s.version(), s.model(), s.metric(), bucket, s.from(), s.to());
            if (points.size() > maxPoints) {
                throw new ProblemException(422, "Selection too large", "the selection holds " + points.size()
                        + " points; an analysis takes at most " + maxPoints + " (" + AnalysisLimits.MAX_POINTS
                        + "); narrow it with from/to or use bucket 1d", "selection");
            }
        }
        return timeSeries.analyse(points, bucket, r.horizon(), r.period(), r.alpha());
    }

    private AnalysisLimits limits() {
        return new AnalysisLimits(maxHorizon, maxPoints, maxSamples);
    }

    private List<FeatureRow> rows(FeatureData data) {
        if (data.rows() != null) {
            return data.rows();
        }
        FeatureData.StoredRecords s = data.selection();
        return samples.featureRows(s.promptId(), s.version(), s.model(), s.from(), s.to());
    }

    @GET
    @Path("matrix")
    @Operation(summary = "Prompt x model success rates in [from, to) with Wilson 95 % intervals (heatmap data), and per "
            + "prompt the chi-square test across its models and the spread of their rates")
    public SuccessMatrix matrix(@QueryParam("from") String from, @QueryParam("to") String to) {
        return analyses.matrix(JsonBodies.instant("from", from), JsonBodies.instant("to", to), 1 - AnalysisDefaults.ALPHA);
    }

    private static List<Double> boxed(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }
}
