package io.promptwatch.metrics.control;

import io.promptwatch.metrics.entity.Window;
import io.promptwatch.tracking.entity.FeedbackChanged;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The rollup buckets in the database. Each window has its own read position in the execution
 * table; {@link #roll} folds the next stored records into the window's buckets and moves its
 * position in the same transaction, so after a crash the rollups resume exactly where the last
 * commit left them: never a record twice, never one lost. Feedback changes take the windows'
 * position locks first, so in each window a record is counted either through its row (not rolled
 * up yet) or through the delta (already rolled up), never both.
 */
@Stateless
public class RollupStore {

    private static final String KEY_COLUMNS = "window_minutes, breakdown, prompt_id, bucket_start, version, model, domain";
    private static final String KEY_MATCH = "window_minutes = ? AND breakdown = ? AND prompt_id = ? AND bucket_start = ?"
            + " AND version = ? AND model = ? AND domain = ?";
    private static final int KEY_COUNT = 7;
    private static final String[] VALUE_COLUMNS = {"executions", "successes", "latency_count", "latency_sum", "latency_max",
            "input_tokens_count", "input_tokens_sum", "output_tokens_count", "output_tokens_sum", "total_tokens_count",
            "total_tokens_sum", "cost_count", "cost_sum", "feedback_count", "feedback_sum", "quality_count", "quality_sum",
            "errors", "latency_sketch", "users_sketch", "last_at"};
    private static final String VALUES = String.join(", ", VALUE_COLUMNS);
    private static final String RECORD_COLUMNS = "id, ts, prompt_id, version, model, domain, latency_ms, input_tokens,"
            + " output_tokens, total_tokens, cost, success, error_type, user_feedback, quality_score, user_id";

    @Resource(lookup = "jdbc/promptwatch")
    DataSource dataSource;

    @Inject
    Retention retention;

    /**
     * Folds at most {@code maxRecords} records after the window's read position into the window's
     * buckets; returns how many records it read.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int roll(Window window, int maxRecords, Instant now) {
        try (Connection c = dataSource.getConnection()) {
            long position = lockPosition(c, window);
            Instant horizon = retention.horizon(window, now);
            Map<BucketKey, Bucket> deltas = new HashMap<>();
            int read = 0;
            long last = position;
            try (PreparedStatement select = c.prepareStatement("SELECT " + RECORD_COLUMNS
                    + " FROM execution WHERE id > ? ORDER BY id FETCH FIRST " + maxRecords + " ROWS ONLY")) {
                select.setLong(1, position);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        RollupRecord record = record(rs);
                        read++;
                        last = record.id();
                        if (!window.floor(record.timestamp()).isBefore(horizon)) {
                            record.keys(window).forEach(key -> deltas.computeIfAbsent(key, k -> new Bucket()).add(record));
                        }
                    }
                }
            }
            if (read == 0) {
                return 0;
            }
            Map<BucketKey, Bucket> stored = load(c, deltas.keySet());
            stored.forEach((key, bucket) -> bucket.merge(deltas.remove(key)));
            update(c, stored);
            insert(c, deltas);
            // Only from the position this roll started at: a roll of another server that moved it
            // meanwhile (its lease taken over after this one's expired) leaves this one nothing to
            // move, and the throw rolls back the buckets it changed, so no record counts twice.
            try (PreparedStatement move = c.prepareStatement(
                    "UPDATE rollup_state SET last_record_id = ?, updated_at = ? WHERE id = ? AND last_record_id = ?")) {
                move.setLong(1, last);
                move.setTimestamp(2, Timestamp.from(now));
                move.setInt(3, window.minutes());
                move.setLong(4, position);
                if (move.executeUpdate() != 1) {
                    throw new PositionMoved(window, position);
                }
            }
            return read;
        } catch (SQLException e) {
            throw new IllegalStateException("rolling up records into " + window.label() + " buckets failed", e);
        }
    }

    /** A roll found its window's position moved by another roll; its transaction is rolled back. */
    public static final class PositionMoved extends IllegalStateException {
        PositionMoved(Window window, long from) {
            super("the " + window.label() + " rollup position moved away from " + from + " meanwhile: this roll is undone");
        }
    }

    /**
     * Moves a record's feedback in its buckets, inside the caller's transaction (the one that
     * changes the record): in each window that has rolled the record up already. The windows'
     * position locks are taken in window order (a roll holds one only), so they cannot deadlock.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void changeFeedback(@Observes FeedbackChanged change) {
        RollupRecord record = new RollupRecord(change.recordId(), change.timestamp(), change.promptId(), change.version(),
                change.model(), change.domain(), null, null, null, null, null, true, null, null, null, null);
        Integer after = change.after();
        try (Connection c = dataSource.getConnection()) {
            Integer before = change.before();
            boolean reread = false;
            for (Window window : Window.values()) {
                if (record.id() <= lockPosition(c, window)) {
                    if (!reread) {
                        // The event's "before" was read before this change waited for the lock; a
                        // change of the same record committed meanwhile has replaced it. Under the
                        // first position lock no other change of a rolled-up record can commit.
                        before = committedFeedback(c, record.id(), before);
                        reread = true;
                    }
                    Integer replaced = before;
                    Map<BucketKey, Bucket> stored = load(c, record.keys(window));
                    stored.values().forEach(bucket -> bucket.changeFeedback(replaced, after));
                    update(c, stored);
                }
            }
            // The row must say what the buckets count (or will, when rolled up). JPA writes it at
            // commit only if the value differs from the one it loaded, which a change committed
            // meanwhile may have made stale (A -> B here after another change X -> A, with B == X:
            // no write, the row would keep A). Written now, with every window's position lock held,
            // no roll is reading the row.
            try (PreparedStatement write = c.prepareStatement("UPDATE execution SET user_feedback = ? WHERE id = ?")) {
                write.setObject(1, after, Types.SMALLINT);
                write.setLong(2, record.id());
                write.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("updating rollups for feedback failed", e);
        }
    }

    /** Each window's read position: the last record id it has rolled up. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Map<Window, Long> positions() {
        Map<Window, Long> positions = new EnumMap<>(Window.class);
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT id, last_record_id FROM rollup_state");
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                positions.put(Window.ofMinutes(rs.getInt(1)), rs.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the rollup positions failed", e);
        }
        return positions;
    }

    /** The newest stored record's id (0 without records): the end of the primary key index. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public long newestRecordId() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT MAX(id) FROM execution");
             ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the newest record id failed", e);
        }
    }

    /**
     * Records some window has not rolled up yet, as the distance between the newest record id and
     * the slowest window's position: 0 exactly when every window has caught up, otherwise an upper
     * bound (ids of rolled-back inserts leave gaps). Two index lookups, whatever the lag, because a
     * monitoring scrape polls it: counting the lag grew with it and took the CPU the rollups needed
     * (docs/performance-history.md).
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public long pending() {
        return slowest(behind());
    }

    /** The largest of the windows' lags from {@link #behind} (0 without windows). */
    public static long slowest(Map<Window, Long> behind) {
        return behind.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    /**
     * Each window's distance from the newest record id, as {@link #pending} counts it for the
     * slowest: the lag drops in steps when the slowest window changes, this shows which one it is.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Map<Window, Long> behind() {
        Map<Window, Long> positions = positions();
        long newest = newestRecordId();
        Map<Window, Long> behind = new EnumMap<>(Window.class);
        positions.forEach((window, position) -> behind.put(window, Math.max(0, newest - position)));
        return behind;
    }

    /**
     * Deletes the window's buckets that start before {@code horizon}; returns how many. One breakdown
     * at a time: the time index leads with window and breakdown.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int purge(Window window, Instant horizon) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement delete = c.prepareStatement(
                     "DELETE FROM rollup_bucket WHERE window_minutes = ? AND breakdown = ? AND bucket_start < ?")) {
            int deleted = 0;
            for (Breakdown breakdown : Breakdown.values()) {
                delete.setInt(1, window.minutes());
                delete.setShort(2, (short) breakdown.code());
                delete.setTimestamp(3, Timestamp.from(horizon));
                deleted += delete.executeUpdate();
            }
            return deleted;
        } catch (SQLException e) {
            throw new IllegalStateException("purging " + window.label() + " buckets failed", e);
        }
    }

    /**
     * The window's buckets in [from, to) of the filter's breakdown that match it (null fields:
     * any), in no particular order. Without prompt ids every prompt's buckets of the breakdown are
     * read (the all-prompts breakdown has one prompt id, {@link BucketKey#ANY}: its buckets are one
     * range of the primary key). With prompt ids each prompt is read as its own range of the primary
     * key, one execution of the statement per prompt: Derby does not probe an index for the values of
     * an IN list on its third column, it scans the breakdown's buckets of every prompt and tests each
     * against the list (a page of 50 prompts' week of hours read 76,000 rows for 7,700).
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Map<BucketKey, Bucket> read(Window window, Instant from, Instant to, BucketFilter filter) {
        StringBuilder sql = new StringBuilder("SELECT " + KEY_COLUMNS + ", " + VALUES
                + " FROM rollup_bucket WHERE window_minutes = ? AND breakdown = ? AND bucket_start >= ? AND bucket_start < ?");
        List<Object> params = new ArrayList<>(List.of(window.minutes(), (short) filter.breakdown().code(),
                Timestamp.from(from), Timestamp.from(to)));
        appendEquals(sql, params, "version", filter.version());
        appendEquals(sql, params, "model", filter.model());
        appendEquals(sql, params, "domain", filter.domain());
        List<String> prompts = filter.breakdown() == Breakdown.ACROSS_PROMPTS ? List.of(BucketKey.ANY) : filter.promptIds();
        if (prompts != null) {
            sql.append(" AND prompt_id = ?");
        }
        Map<BucketKey, Bucket> buckets = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                select.setObject(i + 1, params.get(i));
            }
            if (prompts == null) {
                readInto(select, buckets);
            } else {
                for (String prompt : prompts) {
                    select.setString(params.size() + 1, prompt);
                    readInto(select, buckets);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading rollups failed", e);
        }
        return buckets;
    }

    private static void readInto(PreparedStatement select, Map<BucketKey, Bucket> buckets) throws SQLException {
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                buckets.put(key(rs), bucket(rs, KEY_COUNT + 1));
            }
        }
    }

    private static void appendEquals(StringBuilder sql, List<Object> params, String column, String value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = ?");
            params.add(value);
        }
    }

    /**
     * The record's feedback as committed (this transaction's own change is not written yet: the
     * entity is flushed at commit, after the position locks, which is what keeps the lock order).
     */
    private static Integer committedFeedback(Connection c, long recordId, Integer fallback) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT user_feedback FROM execution WHERE id = ?")) {
            select.setLong(1, recordId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return fallback;
                }
                int feedback = rs.getInt(1);
                return rs.wasNull() ? null : feedback;
            }
        }
    }

    /** Takes the window's position row lock (held to commit) and returns the last record it rolled up. */
    private static long lockPosition(Connection c, Window window) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("UPDATE rollup_state SET last_record_id = last_record_id WHERE id = ?")) {
            lock.setInt(1, window.minutes());
            lock.executeUpdate();
        }
        try (PreparedStatement select = c.prepareStatement("SELECT last_record_id FROM rollup_state WHERE id = ?")) {
            select.setInt(1, window.minutes());
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static RollupRecord record(ResultSet rs) throws SQLException {
        return new RollupRecord(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), (Double) rs.getObject(7), (Integer) rs.getObject(8), (Integer) rs.getObject(9),
                (Integer) rs.getObject(10), (Double) rs.getObject(11), rs.getShort(12) == 1, rs.getString(13), intOrNull(rs, 14),
                (Double) rs.getObject(15), rs.getString(16));
    }

    private static Integer intOrNull(ResultSet rs, int column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static Map<BucketKey, Bucket> load(Connection c, Collection<BucketKey> keys) throws SQLException {
        Map<BucketKey, Bucket> stored = new HashMap<>();
        try (PreparedStatement select = c.prepareStatement("SELECT " + VALUES + " FROM rollup_bucket WHERE " + KEY_MATCH)) {
            for (BucketKey key : keys) {
                bindKey(select, 1, key);
                try (ResultSet rs = select.executeQuery()) {
                    if (rs.next()) {
                        stored.put(key, bucket(rs, 1));
                    }
                }
            }
        }
        return stored;
    }

    private static void update(Connection c, Map<BucketKey, Bucket> buckets) throws SQLException {
        String assignments = String.join(" = ?, ", VALUE_COLUMNS) + " = ?";
        try (PreparedStatement update = c.prepareStatement("UPDATE rollup_bucket SET " + assignments + " WHERE " + KEY_MATCH)) {
            for (Map.Entry<BucketKey, Bucket> entry : buckets.entrySet()) {
                int next = bindValues(update, 1, entry.getValue());
                bindKey(update, next, entry.getKey());
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    private static void insert(Connection c, Map<BucketKey, Bucket> buckets) throws SQLException {
        String marks = String.join(",", Collections.nCopies(KEY_COUNT + VALUE_COLUMNS.length, "?"));
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO rollup_bucket (" + KEY_COLUMNS + ", " + VALUES
                + ") VALUES (" + marks + ")")) {
            for (Map.Entry<BucketKey, Bucket> entry : buckets.entrySet()) {
                int next = bindKey(insert, 1, entry.getKey());
                bindValues(insert, next, entry.getValue());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static int bindKey(PreparedStatement s, int first, BucketKey key) throws SQLException {
        int i = first;
        s.setInt(i++, key.window().minutes());
        s.setShort(i++, (short) key.breakdown().code());
        s.setString(i++, key.promptId());
        s.setTimestamp(i++, Timestamp.from(key.start()));
        s.setString(i++, key.version());
        s.setString(i++, key.model());
        s.setString(i++, key.domain());
        return i;
    }

    private static BucketKey key(ResultSet rs) throws SQLException {
        return new BucketKey(Window.ofMinutes(rs.getInt(1)), rs.getTimestamp(4).toInstant(), Breakdown.ofCode(rs.getShort(2)),
                rs.getString(3), rs.getString(5), rs.getString(6), rs.getString(7));
    }

    /** Binds the values in {@link #VALUE_COLUMNS} order; returns the next parameter index. */
    private static int bindValues(PreparedStatement s, int first, Bucket b) throws SQLException {
        int i = first;
        s.setLong(i++, b.executions);
        s.setLong(i++, b.successes);
        s.setLong(i++, b.latencyCount);
        s.setDouble(i++, b.latencySum);
        if (b.latencyMax == null) {
            s.setNull(i++, Types.DOUBLE);
        } else {
            s.setDouble(i++, b.latencyMax);
        }
        s.setLong(i++, b.inputTokensCount);
        s.setLong(i++, b.inputTokensSum);
        s.setLong(i++, b.outputTokensCount);
        s.setLong(i++, b.outputTokensSum);
        s.setLong(i++, b.totalTokensCount);
        s.setLong(i++, b.totalTokensSum);
        s.setLong(i++, b.costCount);
        s.setDouble(i++, b.costSum);
        s.setLong(i++, b.feedbackCount);
        s.setLong(i++, b.feedbackSum);
        s.setLong(i++, b.qualityCount);
        s.setDouble(i++, b.qualitySum);
        s.setString(i++, b.errorsText());
        s.setBytes(i++, b.latencyBytes());
        s.setBytes(i++, b.userBytes());
        s.setTimestamp(i++, b.lastAt == null ? null : Timestamp.from(b.lastAt));
        return i;
    }

    /** Reads the values in {@link #VALUE_COLUMNS} order starting at column {@code first}. */
    private static Bucket bucket(ResultSet rs, int first) throws SQLException {
        Bucket b = new Bucket();
        int i = first;
        b.executions = rs.getLong(i++);
        b.successes = rs.getLong(i++);
        b.latencyCount = rs.getLong(i++);
        b.latencySum = rs.getDouble(i++);
        b.latencyMax = (Double) rs.getObject(i++);
        b.inputTokensCount = rs.getLong(i++);
        b.inputTokensSum = rs.getLong(i++);
        b.outputTokensCount = rs.getLong(i++);
        b.outputTokensSum = rs.getLong(i++);
        b.totalTokensCount = rs.getLong(i++);
        b.totalTokensSum = rs.getLong(i++);
        b.costCount = rs.getLong(i++);
        b.costSum = rs.getDouble(i++);
        b.feedbackCount = rs.getLong(i++);
        b.feedbackSum = rs.getLong(i++);
        b.qualityCount = rs.getLong(i++);
        b.qualitySum = rs.getDouble(i++);
        b.readErrors(rs.getString(i++));
        byte[] latency = rs.getBytes(i++);
        b.readSketches(latency, rs.getBytes(i++));
        Timestamp lastAt = rs.getTimestamp(i);
        b.lastAt = lastAt == null ? null : lastAt.toInstant();
        return b;
    }
}
