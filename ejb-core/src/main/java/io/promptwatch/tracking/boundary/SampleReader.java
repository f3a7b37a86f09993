package io.promptwatch.tracking.boundary;

import io.promptwatch.persistence.Dialect;
import io.promptwatch.persistence.StorableInstants;
import io.promptwatch.problem.ProblemException;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads the values of one metric from the stored records of a selection, group by group, for the
 * statistics: every non-null value of a continuous metric, or success counts of the binary one.
 * Plain JDBC over the record indexes: these reads are hundreds of thousands of bare numbers, where
 * building JPA result rows cost more than the statistics. On Derby they run outside transactions at
 * READ UNCOMMITTED: Derby otherwise locks and unlocks every row it reads, a third of a 200,000-value
 * read; the price is that a record whose ingest transaction is about to commit, or to fail, may be
 * counted. PostgreSQL reads at its default READ COMMITTED, which takes no row locks (multi-version
 * reads): a read sees only committed records, each statement as of its start. Its driver fetches a
 * result whole outside a transaction (the fetch size applies only inside one), which the sample
 * limit bounds.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
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
                params.add(value instanceof Instant i ? Timestamp.from(StorableInstants.bound(i)) : value);
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

    @Resource
    ManagedExecutorService executor;

    @Inject
    @ConfigProperty(name = "promptwatch.analysis.max-samples")
    int maxSamples;

    /**
     * The metric's values per group, in the selection's group order (groups without records are
     * empty). Versions lead the analysis index after the prompt, so each version's values are one
     * index range of their own, read concurrently ({@link #perGroup}); template ids are not in the
     * index's key, so their groups come from one pass over the prompt's rows. At most
     * {@code promptwatch.analysis.max-samples} rows are read.
     */
    public Map<String, double[]> values(RecordSelection selection, MetricField metric) {
        if (metric.binary()) {
            throw new IllegalArgumentException(metric.jsonName() + " is binary: read counts");
        }
        AtomicInteger rows = new AtomicInteger();
        if (selection.groupBy() == RecordSelection.GroupBy.VERSION) {
            return perGroup(selection.groups(), version -> {
                Values values = new Values();
                query(filter("SELECT " + metric.column + " FROM execution", selection.promptId(), version, selection.model(),
                        selection.from(), selection.to()).append(" AND " + metric.column + " IS NOT NULL"), rs -> {
                    bounded(rows.incrementAndGet());
                    values.add(rs.getDouble(1));
                });
                return values.toArray();
            });
        }
        Map<String, Values> grouped = new LinkedHashMap<>();
        selection.groups().forEach(g -> grouped.put(g, new Values()));
        Sql sql = filter("SELECT " + selection.groupBy().column + ", " + metric.column + " FROM execution",
                selection.promptId(), null, selection.model(), selection.from(), selection.to())
                .append(" AND " + metric.column + " IS NOT NULL");
        query(sql, rs -> {
            bounded(rows.incrementAndGet());
            Values values = grouped.get(rs.getString(1));
            if (values != null) {
                values.add(rs.getDouble(2));
            }
        });
        Map<String, double[]> result = new LinkedHashMap<>();
        grouped.forEach((g, values) -> result.put(g, values.toArray()));
        return result;
    }

    /** Successes and trials per group, in the selection's group order (versions read concurrently, as values). */
    public Map<String, Counts> successCounts(RecordSelection selection) {
        // SUM of a SMALLINT is a SMALLINT in Derby: it overflows at 32,767 without the cast.
        String select = "SELECT SUM(CAST(success AS BIGINT)), COUNT(*) FROM execution";
        if (selection.groupBy() == RecordSelection.GroupBy.VERSION) {
            return perGroup(selection.groups(), version -> {
                Counts[] counts = {new Counts(0, 0)};
                query(filter(select, selection.promptId(), version, selection.model(), selection.from(), selection.to()),
                        rs -> counts[0] = new Counts(rs.getLong(1), rs.getLong(2)));
                return counts[0];
            });
        }
        String group = selection.groupBy().column;
        Sql sql = filter(select.replace("SELECT ", "SELECT " + group + ", "), selection.promptId(), null,
                selection.model(), selection.from(), selection.to());
        sql.append(" AND " + group + " IN (" + String.join(",", selection.groups().stream().map(g -> "?").toList()) + ")");
        sql.params().addAll(selection.groups());
        sql.append(" GROUP BY " + group);
        Map<String, Counts> result = new LinkedHashMap<>();
        selection.groups().forEach(g -> result.put(g, new Counts(0, 0)));
        query(sql, rs -> result.put(rs.getString(1), new Counts(rs.getLong(2), rs.getLong(3))));
        return result;
    }

    /**
     * {@code read} applied to each group, the groups but the last on the managed executor (each
     * with a connection of its own, outside any transaction, like every read here), the last on
     * the caller's thread; results in group order. A failure of any read is the call's failure.
     */
    private <T> Map<String, T> perGroup(List<String> groups, Function<String, T> read) {
        List<Future<T>> others = groups.subList(0, groups.size() - 1).stream()
                .map(group -> executor.submit(() -> read.apply(group))).toList();
        Map<String, T> result = new LinkedHashMap<>();
        try {
            T last = read.apply(groups.get(groups.size() - 1));
            for (int i = 0; i < others.size(); i++) {
                result.put(groups.get(i), others.get(i).get());
            }
            result.put(groups.get(groups.size() - 1), last);
            return result;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading records for an analysis", e);
        } finally {
            others.forEach(f -> f.cancel(true));
        }
    }

    /** A growing array of values. */
    private static final class Values {
        private double[] values = new double[1024];
        private int size;

        void add(double value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        double[] toArray() {
            return Arrays.copyOf(values, size);
        }
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

    private void query(Sql sql, RowReader reader) {
        try (Connection c = dataSource.getConnection()) {
            int isolation = c.getTransactionIsolation();
            // PostgreSQL reads committed rows without locking them at its default level: no change, and
            // none of the two statements that setting the level costs its driver.
            boolean derby = Dialect.of(c) == Dialect.DERBY;
            if (derby) {
                c.setTransactionIsolation(Connection.TRANSACTION_READ_UNCOMMITTED);
            }
            try (PreparedStatement select = c.prepareStatement(sql.text().toString())) {
                for (int i = 0; i < sql.params().size(); i++) {
                    select.setObject(i + 1, sql.params().get(i));
                }
                select.setFetchSize(1000);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        reader.read(rs);
                    }
                }
            } finally {
                if (derby) {
                    c.setTransactionIsolation(isolation);
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
