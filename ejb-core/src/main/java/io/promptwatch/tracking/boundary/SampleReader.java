package io.promptwatch.tracking.boundary;

import io.promptwatch.problem.ProblemException;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads the values of one metric from the stored records of a selection, group by group, for the
 * statistics: every non-null value of a continuous metric, or success counts of the binary one.
 * Plain JDBC over the record indexes: these reads are hundreds of thousands of bare numbers, where
 * building JPA result rows cost more than the statistics.
 */
@Stateless
public class SampleReader {

    /** Successes and trials of one group. */
    public record Counts(long successes, long n) {
    }

    /** One cell of the prompt × model matrix. */
    public record PromptModelCounts(String promptId, String model, Counts counts) {
    }

    /** A query's text and its parameters, built together. */
    private record Sql(StringBuilder text, List<Object> params) {
        Sql(String start) {
            this(new StringBuilder(start), new ArrayList<>());
        }

        Sql and(String condition, Object value) {
            if (value != null) {
                text.append(" AND ").append(condition);
                params.add(value instanceof Instant i ? Timestamp.from(i) : value);
            }
            return this;
        }

        Sql append(String more) {
            text.append(more);
            return this;
        }
    }

    @FunctionalInterface
    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    @Resource(lookup = "jdbc/promptwatch")
    DataSource dataSource;

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
        Map<String, double[]> grouped = new LinkedHashMap<>();
        Map<String, Integer> sizes = new LinkedHashMap<>();
        selection.groups().forEach(g -> {
            grouped.put(g, new double[1024]);
            sizes.put(g, 0);
        });
        Sql sql = filter("SELECT " + selection.groupBy().column + ", " + metric.column + " FROM execution",
                selection.promptId(), null, selection.model(), selection.from(), selection.to())
                .append(" AND " + metric.column + " IS NOT NULL");
        int[] rows = {0};
        query(sql, rs -> {
            bounded(++rows[0]);
            String group = rs.getString(1);
            double[] values = grouped.get(group);
            if (values != null) {
                int size = sizes.get(group);
                if (size == values.length) {
                    values = Arrays.copyOf(values, size * 2);
                    grouped.put(group, values);
                }
                values[size] = rs.getDouble(2);
                sizes.put(group, size + 1);
            }
        });
        grouped.replaceAll((g, values) -> Arrays.copyOf(values, sizes.get(g)));
        return grouped;
    }

    /** Successes and trials per group, in the selection's group order. */
    public Map<String, Counts> successCounts(RecordSelection selection) {
        String group = selection.groupBy().column;
        // SUM of a SMALLINT is a SMALLINT in Derby: it overflows at 32,767 without the cast.
        Sql sql = filter("SELECT " + group + ", SUM(CAST(success AS BIGINT)), COUNT(*) FROM execution", selection.promptId(), null,
                selection.model(), selection.from(), selection.to());
        sql.append(" AND " + group + " IN (" + String.join(",", selection.groups().stream().map(g -> "?").toList()) + ")");
        sql.params().addAll(selection.groups());
        sql.append(" GROUP BY " + group);
        Map<String, Counts> result = new LinkedHashMap<>();
        selection.groups().forEach(g -> result.put(g, new Counts(0, 0)));
        query(sql, rs -> result.put(rs.getString(1), new Counts(rs.getLong(2), rs.getLong(3))));
        return result;
    }

    /** Successes and trials per prompt and model in [from, to) (either may be null), ordered by prompt and model. */
    public List<PromptModelCounts> successByPromptAndModel(Instant from, Instant to) {
        Sql sql = new Sql("SELECT prompt_id, model, SUM(CAST(success AS BIGINT)), COUNT(*) FROM execution WHERE 1 = 1")
                .and("ts >= ?", from).and("ts < ?", to).append(" GROUP BY prompt_id, model ORDER BY prompt_id, model");
        List<PromptModelCounts> cells = new ArrayList<>();
        query(sql, rs -> cells.add(new PromptModelCounts(rs.getString(1), rs.getString(2), new Counts(rs.getLong(3), rs.getLong(4)))));
        return cells;
    }

    /** The features of every record of a prompt (optionally one version and model) in [from, to), oldest first. */
    public List<FeatureRow> featureRows(String promptId, String version, String model, Instant from, Instant to) {
        Sql sql = filter("SELECT latency_ms, total_tokens, temperature, difficulty, cost, quality_score, success FROM execution",
                promptId, version, model, from, to).append(" ORDER BY ts");
        List<FeatureRow> rows = new ArrayList<>();
        query(sql, rs -> {
            bounded(rows.size() + 1);
            rows.add(new FeatureRow(number(rs, 1), number(rs, 2), number(rs, 3), FeatureRow.ordinal(rs.getString(4)),
                    number(rs, 5), number(rs, 6), rs.getInt(7)));
        });
        return rows;
    }

    /** (timestamp, value) of a metric over the records of a prompt in [from, to), oldest first; success as 0/1. */
    public List<Object[]> series(String promptId, String version, String model, MetricField metric, Instant from, Instant to) {
        Sql sql = filter("SELECT ts, " + metric.column + " FROM execution", promptId, version, model, from, to)
                .append(" AND " + metric.column + " IS NOT NULL ORDER BY ts");
        List<Object[]> points = new ArrayList<>();
        query(sql, rs -> {
            bounded(points.size() + 1);
            points.add(new Object[] {rs.getTimestamp(1).toInstant(), rs.getDouble(2)});
        });
        return points;
    }

    private void query(Sql sql, RowReader reader) {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(sql.text().toString())) {
            for (int i = 0; i < sql.params().size(); i++) {
                select.setObject(i + 1, sql.params().get(i));
            }
            select.setFetchSize(1000);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading records for an analysis failed", e);
        }
    }

    private void bounded(int rows) {
        if (rows > maxSamples) {
            throw new ProblemException(422, "Selection too large", "the selection holds more than " + maxSamples
                    + " records (promptwatch.analysis.max-samples); narrow it with from/to or model", "selection");
        }
    }

    private static double number(ResultSet rs, int column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? Double.NaN : value;
    }

    private static Sql filter(String select, String promptId, String version, String model, Instant from, Instant to) {
        if (promptId == null || promptId.isBlank()) {
            throw ProblemException.invalid("selection.promptId", "a selection needs a promptId");
        }
        Sql sql = new Sql(select + " WHERE prompt_id = ?");
        sql.params().add(promptId);
        return sql.and("version = ?", version).and("model = ?", model).and("ts >= ?", from).and("ts < ?", to);
    }
}
