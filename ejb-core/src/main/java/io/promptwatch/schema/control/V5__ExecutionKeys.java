package io.promptwatch.schema.control;

import io.promptwatch.tracking.entity.ExecutionKeys;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/** Gives records stored before V4 their compact idempotency key ({@link ExecutionKeys}). */
public class V5__ExecutionKeys extends BaseJavaMigration {

    private static final int CHUNK = 1000;

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        Map<String, Long> rowIds;
        while (!(rowIds = unkeyed(connection)).isEmpty()) {
            ExecutionKeys.KeyAssignment resolution = ExecutionKeys.resolve(rowIds.keySet(), keys -> stored(connection, keys));
            try (PreparedStatement update = connection.prepareStatement("UPDATE execution SET exec_key = ? WHERE id = ?")) {
                for (Map.Entry<String, Long> key : resolution.newKeys().entrySet()) {
                    update.setLong(1, key.getValue());
                    update.setLong(2, rowIds.get(key.getKey()));
                    update.addBatch();
                }
                update.executeBatch();
            }
        }
    }

    /** Execution id to row id of the next records without a key (ids were unique before V6). */
    private static Map<String, Long> unkeyed(Connection connection) throws SQLException {
        Map<String, Long> rows = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id, execution_id FROM execution WHERE exec_key IS NULL ORDER BY id FETCH FIRST " + CHUNK + " ROWS ONLY");
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                rows.put(rs.getString(2), rs.getLong(1));
            }
        }
        return rows;
    }

    private static Map<Long, String> stored(Connection connection, Collection<Long> keys) {
        Map<Long, String> owners = new HashMap<>();
        List<Long> list = new ArrayList<>(keys);
        try (PreparedStatement select = connection.prepareStatement("SELECT execution_id FROM execution WHERE exec_key = ?")) {
            for (Long key : list) {
                select.setLong(1, key);
                try (ResultSet rs = select.executeQuery()) {
                    if (rs.next()) {
                        owners.put(key, rs.getString(1));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading execution keys failed", e);
        }
        return owners;
    }
}
