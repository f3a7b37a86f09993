package io.promptwatch.tracking.boundary;

import io.promptwatch.persistence.StorableInstants;
import io.promptwatch.problem.StoreUnavailableException;
import io.promptwatch.tracking.control.ExecutionRow;
import io.promptwatch.tracking.control.ExecutionScans;
import io.promptwatch.tracking.control.ExecutionStore;
import io.promptwatch.tracking.entity.ArchivedExecution;
import io.promptwatch.tracking.entity.Execution;
import io.promptwatch.tracking.entity.ExecutionKeys;
import io.promptwatch.tracking.entity.IdSpan;
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
     * The lowest and highest id and the number of the records of {@code promptId} stamped in [from, to)
     * with an id above {@code afterId} and at most {@code throughId} (null when there is none): where the
     * walk of a unit's records ({@link IdWalk} over {@link #page}) starts and stops. The prompt's time
     * index serves it.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public IdSpan span(String promptId, Instant from, Instant to, long afterId, long throughId) {
        try (Connection c = dataSource.getConnection()) {
            return ExecutionScans.span(c, new ExecutionScans.Condition("prompt_id = ? AND ts >= ? AND ts < ? AND id > ? AND id <= ?",
                    List.of(promptId, from, to, afterId, throughId)));
        } catch (SQLException e) {
            throw new StoreUnavailableException(e);
        }
    }

    /**
     * Up to {@code limit} records of {@code promptId} stamped in [from, to) with an id above
     * {@code afterId} and at most {@code throughId}, lowest id first, read along the primary key
     * ({@link ExecutionScans}): one window of an {@link IdWalk}. Outside a transaction, so the records
     * read are not kept by a persistence context that lives as long as the job's chunk.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<Execution> page(String promptId, Instant from, Instant to, long afterId, long throughId, int limit) {
        return ExecutionScans.load(em, ids(promptId, from, to, afterId, throughId, limit));
    }

    /**
     * Up to {@code limit} ids of records of {@code promptId} stamped in [from, to) with an id above
     * {@code afterId} and at most {@code throughId}, lowest first, read along the primary key
     * ({@link ExecutionScans}): one window of the {@link IdWalk} over the rows an archive part holds,
     * which {@link #delete} then removes.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<Long> ids(String promptId, Instant from, Instant to, long afterId, long throughId, int limit) {
        try (Connection c = dataSource.getConnection()) {
            return ExecutionScans.ids(c, new ExecutionScans.Condition("prompt_id = ? AND ts >= ? AND ts < ?", List.of(promptId, from, to)),
                    afterId, throughId, limit);
        } catch (SQLException e) {
            throw new StoreUnavailableException(e);
        }
    }

    /**
     * Deletes the records {@code ids} (by primary key, 500 to a statement) in a transaction of its own, so
     * a long unit holds no long lock and a crash keeps what was deleted; how many were deleted.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int delete(List<Long> ids) {
        int deleted = 0;
        try (Connection c = dataSource.getConnection()) {
            for (int from = 0; from < ids.size(); from += 500) {
                List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
                try (PreparedStatement delete = c.prepareStatement("DELETE FROM execution WHERE id IN ("
                        + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        delete.setLong(i + 1, chunk.get(i));
                    }
                    deleted += delete.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException(e);
        }
        return deleted;
    }

    /**
     * Puts archived records back, each under its own id, in one transaction: a record whose id or
     * whose execution id is stored already is left out, so restoring twice inserts nothing the second
     * time. Its idempotency key is resolved again (the one it had may have gone to another id while it
     * was away). Returns how many were inserted. On PostgreSQL it first takes the numbering lock that
     * ingest takes ({@link ExecutionStore#lockNumbering}): no server's ingest writes between its
     * lookups and its inserts.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int restore(List<ArchivedExecution> records) {
        if (records.isEmpty()) {
            return 0;
        }
        try (Connection c = dataSource.getConnection()) {
            ExecutionStore.lockNumbering(c);
            Set<Long> present = presentIds(c, records.stream().map(ArchivedExecution::id).toList());
            List<ArchivedExecution> absent = records.stream().filter(r -> !present.contains(r.id())).toList();
            ExecutionKeys.KeyAssignment keys = ExecutionKeys.resolve(absent.stream().map(r -> r.fields().executionId).toList(),
                    wanted -> ExecutionStore.storedIds(c, wanted));
            Map<String, Long> free = new HashMap<>(keys.newKeys());
            try (ExecutionRow.Batch rows = ExecutionRow.batch(c)) {
                for (ArchivedExecution record : absent) {
                    Long key = free.remove(record.fields().executionId);
                    if (key != null) {
                        rows.add(record.id(), key, record.fields(), record.feedbackComment(), record.feedbackAt());
                    }
                }
                rows.send();
                return rows.rows();
            }
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
}
