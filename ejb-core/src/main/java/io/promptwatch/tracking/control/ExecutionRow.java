package io.promptwatch.tracking.control;

import io.promptwatch.persistence.Dialect;
import io.promptwatch.tracking.entity.Execution;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.postgresql.PGConnection;

/**
 * One execution row as the table stores it: its columns and, in the same order, the values a record
 * gives them. Rows go to the table in batches ({@link #batch}) two ways: as INSERT parameters on
 * Derby, as one {@code COPY} on PostgreSQL. The column order lives only in {@link #write}.
 */
public final class ExecutionRow {

    /** The columns, in the order {@link #write} gives their values. */
    static final List<String> COLUMNS = List.of("id", "exec_key", "execution_id", "prompt_id", "version",
            "template_id", "model", "ts", "latency_ms", "input_tokens", "output_tokens", "total_tokens", "cost", "success",
            "error_type", "error_message", "user_feedback", "feedback_comment", "feedback_at", "quality_score",
            "discrimination_score", "behavioral_score", "difficulty", "domain", "temperature", "conditional_path", "user_id",
            "session_id", "tags", "metadata", "privacy_mode", "input_hash", "output_hash", "input_text", "output_text",
            "received_at");

    /** The INSERT of one row, every column. */
    static final String INSERT = "INSERT INTO execution (" + String.join(", ", COLUMNS) + ") VALUES ("
            + String.join(", ", Collections.nCopies(COLUMNS.size(), "?")) + ")";

    /** PostgreSQL's bulk load of rows, as {@link CopyBatch} writes them. */
    static final String COPY = "COPY execution (" + String.join(", ", COLUMNS) + ") FROM STDIN (FORMAT csv)";

    private ExecutionRow() {
    }

    /** Where one row's values go, one call per column in table order, with the column's SQL type. */
    @FunctionalInterface
    interface Values {
        void value(Object value, int sqlType) throws SQLException;
    }

    /**
     * Gives every column its value: at ingest the feedback has no comment and is dated when the
     * record arrived; a restored record brings both back as archived. Instants go as the driver's
     * {@link Timestamp}.
     */
    static void write(Values v, long id, long key, Execution.Fields f, String feedbackComment, Instant feedbackAt)
            throws SQLException {
        v.value(id, Types.BIGINT);
        v.value(key, Types.BIGINT);
        v.value(f.executionId, Types.VARCHAR);
        v.value(f.promptId, Types.VARCHAR);
        v.value(f.version, Types.VARCHAR);
        v.value(f.templateId, Types.VARCHAR);
        v.value(f.model, Types.VARCHAR);
        v.value(timestamp(f.timestamp), Types.TIMESTAMP);
        v.value(f.latencyMs, Types.DOUBLE);
        v.value(f.inputTokens, Types.INTEGER);
        v.value(f.outputTokens, Types.INTEGER);
        v.value(f.totalTokens, Types.INTEGER);
        v.value(f.cost, Types.DOUBLE);
        v.value((short) (f.success ? 1 : 0), Types.SMALLINT);
        v.value(f.errorType, Types.VARCHAR);
        v.value(f.errorMessage, Types.VARCHAR);
        v.value(f.userFeedback, Types.INTEGER);
        v.value(feedbackComment, Types.VARCHAR);
        v.value(timestamp(feedbackAt), Types.TIMESTAMP);
        v.value(f.qualityScore, Types.DOUBLE);
        v.value(f.discriminationScore, Types.DOUBLE);
        v.value(f.behavioralScore, Types.DOUBLE);
        v.value(f.difficulty, Types.VARCHAR);
        v.value(f.domain, Types.VARCHAR);
        v.value(f.temperature, Types.DOUBLE);
        v.value(f.conditionalPath, Types.VARCHAR);
        v.value(f.userId, Types.VARCHAR);
        v.value(f.sessionId, Types.VARCHAR);
        v.value(f.tags, Types.VARCHAR);
        v.value(f.metadata, Types.VARCHAR);
        v.value(f.privacyMode.name(), Types.VARCHAR);
        v.value(f.inputHash, Types.VARCHAR);
        v.value(f.outputHash, Types.VARCHAR);
        v.value(f.inputText, Types.VARCHAR);
        v.value(f.outputText, Types.VARCHAR);
        v.value(timestamp(f.receivedAt), Types.TIMESTAMP);
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    /**
     * Rows sent to the table together, in the caller's transaction: {@link #add} each, then {@link #send}.
     * A batch of no rows sends nothing.
     */
    public abstract static sealed class Batch implements AutoCloseable permits InsertBatch, CopyBatch {
        int rows;

        /** Adds one row (see {@link ExecutionRow#write} for the feedback's comment and date). */
        public final void add(long id, long key, Execution.Fields f, String feedbackComment, Instant feedbackAt)
                throws SQLException {
            append(id, key, f, feedbackComment, feedbackAt);
            rows++;
        }

        /** How many rows were added. */
        public final int rows() {
            return rows;
        }

        abstract void append(long id, long key, Execution.Fields f, String feedbackComment, Instant feedbackAt)
                throws SQLException;

        /** Writes the rows added. */
        public abstract void send() throws SQLException;

        @Override
        public void close() throws SQLException {
        }
    }

    /** A batch for the connection's database: COPY on PostgreSQL, an INSERT batch on Derby. */
    public static Batch batch(Connection connection) throws SQLException {
        return Dialect.of(connection) == Dialect.POSTGRESQL ? new CopyBatch(connection) : new InsertBatch(connection);
    }

    /** One prepared INSERT with a JDBC batch of parameter sets. */
    static final class InsertBatch extends Batch {
        private final PreparedStatement insert;

        InsertBatch(Connection connection) throws SQLException {
            insert = connection.prepareStatement(INSERT);
        }

        @Override
        void append(long id, long key, Execution.Fields f, String feedbackComment, Instant feedbackAt) throws SQLException {
            int[] index = {0};
            write((value, sqlType) -> bind(insert, ++index[0], value, sqlType), id, key, f, feedbackComment, feedbackAt);
            insert.addBatch();
        }

        /** Each type through its own setter (texts and timestamps take null as such), as Derby expects them. */
        private static void bind(PreparedStatement s, int index, Object value, int sqlType) throws SQLException {
            switch (sqlType) {
                case Types.VARCHAR -> s.setString(index, (String) value);
                case Types.TIMESTAMP -> s.setTimestamp(index, (Timestamp) value);
                case Types.BIGINT -> s.setLong(index, (Long) value);
                case Types.SMALLINT -> s.setShort(index, (Short) value);
                case Types.INTEGER, Types.DOUBLE -> {
                    if (value == null) {
                        s.setNull(index, sqlType);
                    } else if (value instanceof Integer i) {
                        s.setInt(index, i);
                    } else {
                        s.setDouble(index, (Double) value);
                    }
                }
                default -> throw new IllegalArgumentException("no setter for SQL type " + sqlType);
            }
        }

        @Override
        public void send() throws SQLException {
            if (rows > 0) {
                insert.executeBatch();
            }
        }

        @Override
        public void close() throws SQLException {
            insert.close();
        }
    }

    /**
     * Rows loaded with one {@link #COPY}: PostgreSQL parses one CSV stream instead of a multi-row
     * INSERT's parameters, which leaves more of the machine to the server (the benchmark measures both
     * ceilings, README "Performance"). The CSV is PostgreSQL's dialect: every value quoted, so an empty
     * text stays empty, and NULL as nothing at all. Values are written as the JDBC driver sends the same
     * parameters, so that a row loaded and a row inserted read back the same: a timestamp as
     * {@link Timestamp#toString()} gives it (the server's time zone and calendar), a double in Java's
     * shortest exact form. COPY has no ON CONFLICT: callers look the keys up first, under the
     * numbering lock ({@code ExecutionStore.lockNumbering}).
     */
    static final class CopyBatch extends Batch implements Values {
        private final Connection connection;
        private final StringBuilder text = new StringBuilder();
        private final CSVPrinter printer;

        CopyBatch(Connection connection) {
            this.connection = connection;
            try {
                printer = new CSVPrinter(text, CSVFormat.POSTGRESQL_CSV);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        void append(long id, long key, Execution.Fields f, String feedbackComment, Instant feedbackAt) throws SQLException {
            write(this, id, key, f, feedbackComment, feedbackAt);
            try {
                printer.println();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Sends the lines in UTF-8, encoded whole: a pair of surrogates is never split between two buffers. */
        @Override
        public void send() throws SQLException {
            if (rows == 0) {
                return;
            }
            byte[] csv = csv().getBytes(StandardCharsets.UTF_8);
            try {
                connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY, new ByteArrayInputStream(csv));
            } catch (IOException e) {
                throw new SQLException("COPY of " + rows + " execution rows failed", e);
            }
        }

        /** The lines added so far. */
        String csv() {
            return text.toString();
        }

        /** A value as the driver would send it as text: {@link Timestamp#toString()}, Java's shortest exact double. */
        @Override
        public void value(Object value, int sqlType) {
            try {
                printer.print(value == null ? null : value.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
