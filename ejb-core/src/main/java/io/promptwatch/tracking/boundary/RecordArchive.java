package io.promptwatch.tracking.boundary;

import io.promptwatch.persistence.StorableInstants;
import io.promptwatch.problem.StoreUnavailableException;
import io.promptwatch.tracking.control.ExecutionStore;
import io.promptwatch.tracking.entity.ArchivedExecution;
import io.promptwatch.tracking.entity.Execution;
import io.promptwatch.tracking.entity.ExecutionKeys;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * What the archive and restore jobs do to the execution table: find the (prompt, month) units of
 * old records, read a unit in id order, delete the rows an archive file holds, put archived rows
 * back. Rows leave and return under their own ids; the table's newest row never leaves (see
 * {@link #newestId}). Portable SQL (Derby and PostgreSQL): no date functions, months are ranges of
 * instants bound as TIMESTAMPs the way ingest stores them.
 */
@Stateless
public class RecordArchive {

    private static final String INSERT = "INSERT INTO execution (id, exec_key, execution_id, prompt_id, version,"
            + " template_id, model, ts, latency_ms, input_tokens, output_tokens, total_tokens, cost, success, error_type,"
            + " error_message, user_feedback, feedback_comment, feedback_at, quality_score, discrimination_score,"
            + " behavioral_score, difficulty, domain, temperature, conditional_path, user_id, session_id, tags, metadata,"
            + " privacy_mode, input_hash, output_hash, input_text, output_text, received_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** A prompt's records of one UTC month. */
    public record Unit(String promptId, YearMonth month) {
    }

    @Resource(lookup = "jdbc/promptwatch")
    DataSource dataSource;

    @PersistenceContext(unitName = "promptwatch")
    EntityManager em;

    /**
     * The largest record id stored. Ingest numbers new records from the largest id in the table
     * after a restart (ExecutionWriter), and the rollups read ids above their positions: were the
     * newest row deleted, a restarted server would hand its id (and those below it) out again, a
     * restore would collide with the new records and the rollups would never read them. So the
     * archive takes only ids below this one.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public long newestId() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT MAX(id) FROM execution");
             ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new StoreUnavailableException(e);
        }
    }

    /**
     * The (prompt, month) units holding records stamped before {@code before} with an id at most
     * {@code throughId} (of {@code promptId} only, unless it is null), by prompt and month. One query for the prompts, then one per unit found (the
     * earliest record from the month's start on names the next month that has any).
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<Unit> units(Instant before, long throughId, String promptId) {
        List<Unit> units = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            Set<String> prompts = new TreeSet<>();
            try (PreparedStatement select = c.prepareStatement("SELECT DISTINCT prompt_id FROM execution WHERE ts < ? AND id <= ?"
                    + (promptId == null ? "" : " AND prompt_id = ?"))) {
                select.setTimestamp(1, Timestamp.from(before));
                select.setLong(2, throughId);
                if (promptId != null) {
                    select.setString(3, promptId);
                }
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        prompts.add(rs.getString(1));
                    }
                }
            }
            try (PreparedStatement first = c.prepareStatement(
                    "SELECT MIN(ts) FROM execution WHERE prompt_id = ? AND ts >= ? AND ts < ? AND id <= ?")) {
                for (String prompt : prompts) {
                    Instant from = StorableInstants.MIN;
                    while (from.isBefore(before)) {
                        first.setString(1, prompt);
                        first.setTimestamp(2, Timestamp.from(from));
                        first.setTimestamp(3, Timestamp.from(before));
                        first.setLong(4, throughId);
                        Timestamp earliest;
                        try (ResultSet rs = first.executeQuery()) {
                            rs.next();
                            earliest = rs.getTimestamp(1);
                        }
                        if (earliest == null) {
                            break;
                        }
                        YearMonth month = YearMonth.from(earliest.toInstant().atZone(ZoneOffset.UTC));
                        units.add(new Unit(prompt, month));
                        from = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException(e);
        }
        return units;
    }

    /**
     * Up to {@code limit} records of {@code promptId} stamped in [from, to) with an id above
     * {@code afterId} and at most {@code throughId}, lowest id first. Outside a transaction, so the
     * records read are not kept by a persistence context that lives as long as the job's chunk.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<Execution> page(String promptId, Instant from, Instant to, long afterId, long throughId, int limit) {
        return em.createQuery("SELECT e FROM Execution e WHERE e.promptId = :promptId AND e.timestamp >= :from"
                        + " AND e.timestamp < :to AND e.id > :afterId AND e.id <= :throughId ORDER BY e.id", Execution.class)
                .setParameter("promptId", promptId).setParameter("from", from).setParameter("to", to)
                .setParameter("afterId", afterId).setParameter("throughId", throughId)
                .setMaxResults(limit).getResultList();
    }

    /**
     * Deletes up to {@code limit} records of {@code promptId} stamped in [from, to) with an id at most
     * {@code throughId} (the lowest ids first), in a transaction of its own, so a long unit holds no
     * long lock and a crash keeps what was deleted; how many were deleted (0: none is left).
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int delete(String promptId, Instant from, Instant to, long throughId, int limit) {
        try (Connection c = dataSource.getConnection()) {
            long low;
            long high;
            int found = 0;
            try (PreparedStatement select = c.prepareStatement("SELECT id FROM execution WHERE prompt_id = ? AND ts >= ? AND ts < ?"
                    + " AND id <= ? ORDER BY id FETCH FIRST " + limit + " ROWS ONLY")) {
                bindUnit(select, promptId, from, to, throughId);
                low = Long.MAX_VALUE;
                high = Long.MIN_VALUE;
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        low = Math.min(low, rs.getLong(1));
                        high = Math.max(high, rs.getLong(1));
                        found++;
                    }
                }
            }
            if (found == 0) {
                return 0;
            }
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM execution WHERE prompt_id = ? AND ts >= ? AND ts < ?"
                    + " AND id <= ? AND id >= ?")) {
                bindUnit(delete, promptId, from, to, high);
                delete.setLong(5, low);
                return delete.executeUpdate();
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException(e);
        }
    }

    /**
     * Puts archived records back, each under its own id, in one transaction: a record whose id or
     * whose execution id is stored already is left out, so restoring twice inserts nothing the second
     * time. Its idempotency key is resolved again (the one it had may have gone to another id while it
     * was away). Returns how many were inserted.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int restore(List<ArchivedExecution> records) {
        if (records.isEmpty()) {
            return 0;
        }
        try (Connection c = dataSource.getConnection()) {
            Set<Long> present = presentIds(c, records.stream().map(ArchivedExecution::id).toList());
            List<ArchivedExecution> absent = records.stream().filter(r -> !present.contains(r.id())).toList();
            ExecutionKeys.KeyAssignment keys = ExecutionKeys.resolve(absent.stream().map(r -> r.fields().executionId).toList(),
                    wanted -> ExecutionStore.storedIds(c, wanted));
            Map<String, Long> free = new HashMap<>(keys.newKeys());
            int inserted = 0;
            try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                for (ArchivedExecution record : absent) {
                    Long key = free.remove(record.fields().executionId);
                    if (key != null) {
                        bind(insert, record, key);
                        insert.addBatch();
                        inserted++;
                    }
                }
                if (inserted > 0) {
                    insert.executeBatch();
                }
            }
            return inserted;
        } catch (SQLException e) {
            throw new StoreUnavailableException(e);
        }
    }

    private static Set<Long> presentIds(Connection c, List<Long> ids) throws SQLException {
        Set<Long> present = new HashSet<>();
        for (int from = 0; from < ids.size(); from += 500) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            try (PreparedStatement select = c.prepareStatement("SELECT id FROM execution WHERE id IN ("
                    + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    select.setLong(i + 1, chunk.get(i));
                }
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        present.add(rs.getLong(1));
                    }
                }
            }
        }
        return present;
    }

    private static void bindUnit(PreparedStatement s, String promptId, Instant from, Instant to, long throughId) throws SQLException {
        s.setString(1, promptId);
        s.setTimestamp(2, Timestamp.from(from));
        s.setTimestamp(3, Timestamp.from(to));
        s.setLong(4, throughId);
    }

    private static void bind(PreparedStatement s, ArchivedExecution record, long key) throws SQLException {
        Execution.Fields f = record.fields();
        int i = 0;
        s.setLong(++i, record.id());
        s.setLong(++i, key);
        s.setString(++i, f.executionId);
        s.setString(++i, f.promptId);
        s.setString(++i, f.version);
        s.setString(++i, f.templateId);
        s.setString(++i, f.model);
        s.setTimestamp(++i, timestamp(f.timestamp));
        setDouble(s, ++i, f.latencyMs);
        setInt(s, ++i, f.inputTokens);
        setInt(s, ++i, f.outputTokens);
        setInt(s, ++i, f.totalTokens);
        setDouble(s, ++i, f.cost);
        s.setShort(++i, (short) (f.success ? 1 : 0));
        s.setString(++i, f.errorType);
        s.setString(++i, f.errorMessage);
        setInt(s, ++i, f.userFeedback);
        s.setString(++i, record.feedbackComment());
        s.setTimestamp(++i, timestamp(record.feedbackAt()));
        setDouble(s, ++i, f.qualityScore);
        setDouble(s, ++i, f.discriminationScore);
        setDouble(s, ++i, f.behavioralScore);
        s.setString(++i, f.difficulty);
        s.setString(++i, f.domain);
        setDouble(s, ++i, f.temperature);
        s.setString(++i, f.conditionalPath);
        s.setString(++i, f.userId);
        s.setString(++i, f.sessionId);
        s.setString(++i, f.tags);
        s.setString(++i, f.metadata);
        s.setString(++i, f.privacyMode.name());
        s.setString(++i, f.inputHash);
        s.setString(++i, f.outputHash);
        s.setString(++i, f.inputText);
        s.setString(++i, f.outputText);
        s.setTimestamp(++i, timestamp(f.receivedAt));
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static void setDouble(PreparedStatement s, int index, Double value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.DOUBLE);
        } else {
            s.setDouble(index, value);
        }
    }

    private static void setInt(PreparedStatement s, int index, Integer value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.INTEGER);
        } else {
            s.setInt(index, value);
        }
    }
}
