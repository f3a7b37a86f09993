package io.promptwatch.tracking.boundary;

import io.promptwatch.problem.ProblemException;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads the values of one metric from the stored records of a selection, group by group, for the
 * statistics: every non-null value of a continuous metric, or success counts of the binary one.
 */
@Stateless
public class SampleReader {

    /** Successes and trials of one group. */
    public record Counts(long successes, long n) {
    }

    @PersistenceContext(unitName = "promptwatch")
    EntityManager em;

    @Inject
    @ConfigProperty(name = "promptwatch.analysis.max-samples")
    int maxSamples;

    /**
     * The metric's values per group, in the selection's group order (groups without records are
     * empty). The query names no group: a large share of a prompt's records is read faster by one
     * pass over the prompt's (prompt, time) index range than by probing the version index and
     * fetching each row (measured with 100,000 records per arm: 0.7 s against 2.7 s); rows of
     * other groups are skipped here. At most {@code promptwatch.analysis.max-samples} rows are read.
     */
    public Map<String, double[]> values(RecordSelection selection, MetricField metric) {
        if (metric.binary()) {
            throw new IllegalArgumentException(metric.jsonName() + " is binary: read counts");
        }
        Map<String, Object> params = new HashMap<>();
        TypedQuery<Object[]> query = em.createQuery("SELECT " + selection.groupBy().path + ", " + metric.path
                + " FROM Execution e WHERE " + filter(selection.promptId(), null, selection.model(), selection.from(),
                selection.to(), params) + " AND " + metric.path + " IS NOT NULL", Object[].class)
                .setMaxResults(maxSamples + 1);
        params.forEach(query::setParameter);
        Map<String, List<Double>> grouped = new LinkedHashMap<>();
        selection.groups().forEach(g -> grouped.put(g, new ArrayList<>()));
        for (Object[] row : bounded(query.getResultList())) {
            List<Double> values = grouped.get((String) row[0]);
            if (values != null) {
                values.add(((Number) row[1]).doubleValue());
            }
        }
        Map<String, double[]> result = new LinkedHashMap<>();
        grouped.forEach((g, list) -> result.put(g, list.stream().mapToDouble(Double::doubleValue).toArray()));
        return result;
    }

    /** Successes and trials per group, in the selection's group order. */
    public Map<String, Counts> successCounts(RecordSelection selection) {
        Map<String, Object> params = new HashMap<>();
        String group = selection.groupBy().path;
        TypedQuery<Object[]> query = em.createQuery("SELECT " + group + ", SUM(CASE WHEN e.success = TRUE THEN 1 ELSE 0 END), COUNT(e)"
                + " FROM Execution e WHERE " + where(selection, params) + " GROUP BY " + group, Object[].class);
        params.forEach(query::setParameter);
        Map<String, Counts> result = new LinkedHashMap<>();
        selection.groups().forEach(g -> result.put(g, new Counts(0, 0)));
        for (Object[] row : query.getResultList()) {
            result.put((String) row[0], new Counts(((Number) row[1]).longValue(), ((Number) row[2]).longValue()));
        }
        return result;
    }

    /** Successes and trials per prompt and model in [from, to) (either may be null), ordered by prompt and model. */
    public List<PromptModelCounts> successByPromptAndModel(Instant from, Instant to) {
        StringBuilder jpql = new StringBuilder("SELECT e.promptId, e.model, SUM(CASE WHEN e.success = TRUE THEN 1 ELSE 0 END), "
                + "COUNT(e) FROM Execution e WHERE 1 = 1");
        if (from != null) {
            jpql.append(" AND e.timestamp >= :from");
        }
        if (to != null) {
            jpql.append(" AND e.timestamp < :to");
        }
        jpql.append(" GROUP BY e.promptId, e.model ORDER BY e.promptId, e.model");
        TypedQuery<Object[]> query = em.createQuery(jpql.toString(), Object[].class);
        if (from != null) {
            query.setParameter("from", from);
        }
        if (to != null) {
            query.setParameter("to", to);
        }
        return query.getResultList().stream().map(row -> new PromptModelCounts((String) row[0], (String) row[1],
                new Counts(((Number) row[2]).longValue(), ((Number) row[3]).longValue()))).toList();
    }

    /** The features of every record of a prompt (optionally one version and model) in [from, to), oldest first. */
    public List<FeatureRow> featureRows(String promptId, String version, String model, Instant from, Instant to) {
        Map<String, Object> params = new HashMap<>();
        TypedQuery<Object[]> query = em.createQuery("SELECT e.latencyMs, e.totalTokens, e.temperature, e.difficulty, e.cost, "
                + "e.qualityScore, e.success FROM Execution e WHERE " + filter(promptId, version, model, from, to, params)
                + " ORDER BY e.timestamp", Object[].class).setMaxResults(maxSamples + 1);
        params.forEach(query::setParameter);
        List<Object[]> rows = bounded(query.getResultList());
        return rows.stream().map(r -> new FeatureRow(number(r[0]), number(r[1]), number(r[2]), FeatureRow.ordinal((String) r[3]),
                number(r[4]), number(r[5]), Boolean.TRUE.equals(r[6]) ? 1 : 0)).toList();
    }

    /** (timestamp, value) of a metric over the records of a prompt in [from, to), oldest first; success as 0/1. */
    public List<Object[]> series(String promptId, String version, String model, MetricField metric, Instant from, Instant to) {
        Map<String, Object> params = new HashMap<>();
        TypedQuery<Object[]> query = em.createQuery("SELECT e.timestamp, " + metric.path + " FROM Execution e WHERE "
                + filter(promptId, version, model, from, to, params) + " AND " + metric.path + " IS NOT NULL ORDER BY e.timestamp",
                Object[].class).setMaxResults(maxSamples + 1);
        params.forEach(query::setParameter);
        return bounded(query.getResultList());
    }

    private <T> List<T> bounded(List<T> rows) {
        if (rows.size() > maxSamples) {
            throw new ProblemException(422, "Selection too large", "the selection holds more than " + maxSamples
                    + " records (promptwatch.analysis.max-samples); narrow it with from/to or model", "selection");
        }
        return rows;
    }

    private static double number(Object value) {
        return value == null ? Double.NaN : ((Number) value).doubleValue();
    }

    private static String filter(String promptId, String version, String model, Instant from, Instant to, Map<String, Object> params) {
        if (promptId == null || promptId.isBlank()) {
            throw ProblemException.invalid("selection.promptId", "a selection needs a promptId");
        }
        StringBuilder where = new StringBuilder("e.promptId = :promptId");
        params.put("promptId", promptId);
        String[][] optional = {{"version", "e.version"}, {"model", "e.model"}};
        Object[] values = {version, model};
        for (int i = 0; i < optional.length; i++) {
            if (values[i] != null) {
                where.append(" AND ").append(optional[i][1]).append(" = :").append(optional[i][0]);
                params.put(optional[i][0], values[i]);
            }
        }
        if (from != null) {
            where.append(" AND e.timestamp >= :from");
            params.put("from", from);
        }
        if (to != null) {
            where.append(" AND e.timestamp < :to");
            params.put("to", to);
        }
        return where.toString();
    }

    /** One cell of the prompt × model matrix. */
    public record PromptModelCounts(String promptId, String model, Counts counts) {
    }

    private static String where(RecordSelection s, Map<String, Object> params) {
        params.put("groups", s.groups());
        return filter(s.promptId(), null, s.model(), s.from(), s.to(), params) + " AND " + s.groupBy().path + " IN :groups";
    }
}
