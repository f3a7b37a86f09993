package io.promptwatch.api.statistics;

import io.promptwatch.api.RequestObject;
import io.promptwatch.tracking.boundary.FeatureRow;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The records a feature analysis reads: the stored ones a {@code selection} names, or the
 * {@code rows} sent in the request; the other one is {@code null}.
 */
record FeatureData(StoredRecords selection, List<FeatureRow> rows) {

    /** Stored records of one prompt (all prompts without one), optionally one version and model, in [from, to). */
    record StoredRecords(String promptId, String version, String model, Instant from, Instant to) {
    }

    static FeatureData read(RequestObject body, AnalysisLimits limits) {
        if (body.oneOf("selection", "selection", "rows").equals("selection")) {
            RequestObject s = body.object("selection");
            return new FeatureData(new StoredRecords(s.string("promptId", null), s.string("version", null),
                    s.string("model", null), s.instant("from"), s.instant("to")), null);
        }
        limits.samples(body.path("rows"), body.size("rows"), "rows");
        List<FeatureRow> rows = new ArrayList<>();
        for (RequestObject row : body.objects("rows")) {
            double[] v = FeatureRow.NAMES.stream().mapToDouble(name -> feature(row, name)).toArray();
            rows.add(new FeatureRow(v[0], v[1], v[2], v[3], v[4], v[5], v[6]));
        }
        return new FeatureData(null, rows);
    }

    /** A number, a boolean (1 or 0) or a word (difficulty: easy 1, medium 2, hard 3); NaN when left out. */
    private static double feature(RequestObject row, String name) {
        JsonValue value = row.value(name);
        if (value == null) {
            return Double.NaN;
        }
        return switch (value.getValueType()) {
            case NUMBER -> row.number(name, Double.NaN);
            case TRUE -> 1;
            case FALSE -> 0;
            case STRING -> FeatureRow.ordinal(((JsonString) value).getString());
            default -> throw row.invalid(name, "must be a number, a boolean or (difficulty) a word");
        };
    }
}
