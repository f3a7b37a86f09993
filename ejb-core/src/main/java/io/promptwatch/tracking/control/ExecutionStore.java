package io.promptwatch.tracking.control;

import io.promptwatch.persistence.Dialect;
import io.promptwatch.problem.StoreUnavailableException;
import io.promptwatch.tracking.entity.Execution;
import io.promptwatch.tracking.entity.ExecutionKeys;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Writes validated executions with one batch per call ({@link ExecutionRow#batch}: COPY on
 * PostgreSQL), in one transaction. Execution ids
 * already stored, or repeated within the call, are skipped and reported as duplicates; the
 * idempotency check reads the compact keys ({@link ExecutionKeys}) in one query per chunk.
 */
@Stateless
public class ExecutionStore {

    private static final int KEY_QUERY_CHUNK = 500;

    /**
     * The key of the PostgreSQL advisory lock every writer of execution rows takes in its transaction
     * ({@link #lockNumbering}): an identifier shared by all servers on the database, like a table name,
     * not a tunable. The bytes spell "pw-exec".
     */
    static final long NUMBERING_LOCK = 0x70772d65786563L;

    @Resource(lookup = "jdbc/promptwatch")
    DataSource dataSource;

    /** What one {@link #insertNew} stored: the execution ids that were new, and the last record id it handed out. */
    public record Written(Set<String> inserted, long lastId) {
    }

    /**
     * Stores the executions whose id is new and returns those ids with the last record id used. On
     * Derby (embedded: this server is the only writer, and {@link ExecutionWriter} serialises its
     * calls) records are numbered on from {@code lastId}. On PostgreSQL servers sharing the database
     * write at once: the transaction first takes the numbering lock, then reads MAX(id) and numbers
     * from there, so two servers never hand out the same id and ids grow in commit order across all of
     * them (the lock is held to commit), which the rollups rely on; {@code lastId} is not used.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Written insertNew(List<Execution.Fields> records, long lastId) {
        try (Connection connection = dataSource.getConnection()) {
            Dialect dialect = Dialect.of(connection);
            long next = lastId;
            if (dialect == Dialect.POSTGRESQL) {
                lockNumbering(connection);
                next = maxId(connection);
            }
            ExecutionKeys.KeyAssignment keys = ExecutionKeys.resolve(
                    records.stream().map(r -> r.executionId).toList(), wanted -> storedIds(connection, wanted));
            Set<String> inserted = new HashSet<>(keys.newKeys().keySet());
            Map<String, Long> unwritten = new HashMap<>(keys.newKeys());
            try (ExecutionRow.Batch rows = ExecutionRow.batch(connection)) {
                for (Execution.Fields record : records) {
                    Long key = unwritten.remove(record.executionId);
                    if (key != null) {
                        // at ingest the feedback has no comment and is dated when the record arrived
                        rows.add(++next, key, record, null, record.userFeedback == null ? null : record.receivedAt);
                    }
                }
                rows.send();
            }
            return new Written(inserted, next);
        } catch (SQLException e) {
            throw new StoreUnavailableException(e);
        }
    }

    /**
     * On PostgreSQL, waits for and takes the lock that writers of execution rows share
     * ({@code pg_advisory_xact_lock}); it is held until the connection's transaction ends. Every
     * statement after it sees what the lock's previous holder committed (READ COMMITTED takes a new
     * snapshot per statement). Derby has a single server: nothing to take.
     */
    public static void lockNumbering(Connection connection) throws SQLException {
        if (Dialect.of(connection) != Dialect.POSTGRESQL) {
            return;
        }
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            lock.setLong(1, NUMBERING_LOCK);
            lock.executeQuery().close();
        }
    }

    /** The largest record id stored (0 for an empty store). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public long maxId() {
        try (Connection connection = dataSource.getConnection()) {
            return maxId(connection);
        } catch (SQLException e) {
            throw new StoreUnavailableException(e);
        }
    }

    private static long maxId(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT MAX(id) FROM execution");
             ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The id stored under each of the keys that is taken. */
    public static Map<Long, String> storedIds(Connection connection, Collection<Long> keys) {
        Map<Long, String> owners = new HashMap<>();
        List<Long> list = new ArrayList<>(keys);
        for (int from = 0; from < list.size(); from += KEY_QUERY_CHUNK) {
            List<Long> chunk = list.subList(from, Math.min(list.size(), from + KEY_QUERY_CHUNK));
            // Derby keeps the plan it compiled while the table was small (a table scan that
            // filters every row by the IN list: seconds per batch at 100,000 records); the
            // override (a comment elsewhere) makes it probe the unique index once per key.
            // PostgreSQL plans each execution with the table's statistics and needs no hint.
            String sql = "SELECT exec_key, execution_id FROM execution --DERBY-PROPERTIES constraint=uq_execution_key\n"
                    + " WHERE exec_key IN ("
                    + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")";
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                for (int i = 0; i < chunk.size(); i++) {
                    select.setLong(i + 1, chunk.get(i));
                }
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        owners.put(rs.getLong(1), rs.getString(2));
                    }
                }
            } catch (SQLException e) {
                throw new StoreUnavailableException(e);
            }
        }
        return owners;
    }
}
