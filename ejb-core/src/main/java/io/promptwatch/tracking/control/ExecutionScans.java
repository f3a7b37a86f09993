package io.promptwatch.tracking.control;

import io.promptwatch.persistence.Dialect;
import io.promptwatch.tracking.entity.Execution;
import io.promptwatch.tracking.entity.IdSpan;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The two queries of a job that reads a selection of records in id order (the export, the archive):
 * the selection's {@link IdSpan}, which the time and prompt indexes serve, and the ids of its records
 * in one window of ids, read along the primary key. On Derby the window query names the key
 * ({@code pk_execution}, V15): left to itself Derby takes the time index for the selection's time
 * range and sorts the rest of the range by id for every window. PostgreSQL plans each execution with
 * the table's statistics and gets the query without hint. The records of a window are then loaded by
 * id, so they come through the entity's mapping as every other read does.
 */
public final class ExecutionScans {

    /** A condition on the execution table's columns, its parameters in order (Instant, Boolean, String, Long). */
    public record Condition(String sql, List<Object> parameters) {

        public Condition {
            parameters = List.copyOf(parameters);
        }
    }

    private ExecutionScans() {
    }

    /** The lowest and highest id and the number of the records matching {@code where}; null when none does. */
    public static IdSpan span(Connection connection, Condition where) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT MIN(id), MAX(id), COUNT(*) FROM execution WHERE " + where.sql())) {
            bind(select, where, 0);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                long count = rs.getLong(3);
                return count == 0 ? null : new IdSpan(rs.getLong(1), rs.getLong(2), count);
            }
        }
    }

    /** Up to {@code limit} ids of records matching {@code where} in ({@code afterId}, {@code throughId}], lowest first. */
    public static List<Long> ids(Connection connection, Condition where, long afterId, long throughId, int limit)
            throws SQLException {
        String table = Dialect.of(connection) == Dialect.DERBY
                ? "execution --DERBY-PROPERTIES constraint=pk_execution\n"
                : "execution";
        String sql = "SELECT id FROM " + table + " WHERE id > ? AND id <= ? AND " + where.sql()
                + " ORDER BY id FETCH FIRST " + limit + " ROWS ONLY";
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setLong(1, afterId);
            select.setLong(2, throughId);
            bind(select, where, 2);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    /** The records of {@code ids}, lowest id first. */
    public static List<Execution> load(EntityManager em, List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return em.createQuery("SELECT e FROM Execution e WHERE e.id IN :ids ORDER BY e.id", Execution.class)
                .setParameter("ids", ids).getResultList();
    }

    private static void bind(PreparedStatement statement, Condition where, int before) throws SQLException {
        int i = before;
        for (Object value : where.parameters()) {
            i++;
            if (value instanceof Instant instant) {
                statement.setTimestamp(i, Timestamp.from(instant));
            } else if (value instanceof Boolean b) {
                statement.setShort(i, (short) (b ? 1 : 0));
            } else if (value instanceof Long l) {
                statement.setLong(i, l);
            } else {
                statement.setString(i, (String) value);
            }
        }
    }
}
