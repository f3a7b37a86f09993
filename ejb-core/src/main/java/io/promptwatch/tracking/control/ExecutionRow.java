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

    /** Where one row's values go, one call per column in table order. */
    interface Values {
        void bigint(long value) throws SQLException;

        void smallint(short value) throws SQLException;

        void integer(Integer value) throws SQLException;

        void real(Double value) throws SQLException;

        void text(String value) throws SQLException;

        void timestamp(Instant value) throws SQLException;
    }

    /**
     * Gives every column its value: at ingest the feedback has no comment and is dated when the
     * record arrived; a restored record brings both back as archived.
     */
    static void write(Values v, long id, long key, Execution.Fields f, String feedbackComment, Instant feedbackAt)
            throws SQLException {
        v.bigint(id);
        v.bigint(key);
        v.text(f.executionId);
        v.text(f.promptId);
        v.text(f.version);
        v.text(f.templateId);
        v.text(f.model);
        v.timestamp(f.timestamp);
        v.real(f.latencyMs);
        v.integer(f.inputTokens);
        v.integer(f.outputTokens);
        v.integer(f.totalTokens);
        v.real(f.cost);
        v.smallint((short) (f.success ? 1 : 0));
        v.text(f.errorType);
        v.text(f.errorMessage);
        v.integer(f.userFeedback);
        v.text(feedbackComment);
        v.timestamp(feedbackAt);
        v.real(f.qualityScore);
        v.real(f.discriminationScore);
        v.real(f.behavioralScore);
        v.text(f.difficulty);
        v.text(f.domain);
        v.real(f.temperature);
        v.text(f.conditionalPath);
        v.text(f.userId);
        v.text(f.sessionId);
        v.text(f.tags);
        v.text(f.metadata);
        v.text(f.privacyMode.name());
        v.text(f.inputHash);
        v.text(f.outputHash);
        v.text(f.inputText);
        v.text(f.outputText);
        v.timestamp(f.receivedAt);
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
            write(new Parameters(insert), id, key, f, feedbackComment, feedbackAt);
            insert.addBatch();
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

    /** The parameters of a prepared INSERT, numbered from 1. */
    private static final class Parameters implements Values {
        private final PreparedStatement s;
        private int index;

        Parameters(PreparedStatement s) {
            this.s = s;
        }

        @Override
        public void bigint(long value) throws SQLException {
            s.setLong(++index, value);
        }

        @Override
        public void smallint(short value) throws SQLException {
            s.setShort(++index, value);
        }

        @Override
        public void integer(Integer value) throws SQLException {
            if (value == null) {
                s.setNull(++index, Types.INTEGER);
            } else {
                s.setInt(++index, value);
            }
        }

        @Override
        public void real(Double value) throws SQLException {
            if (value == null) {
                s.setNull(++index, Types.DOUBLE);
            } else {
                s.setDouble(++index, value);
            }
        }

        @Override
        public void text(String value) throws SQLException {
            s.setString(++index, value);
        }

        @Override
        public void timestamp(Instant value) throws SQLException {
            s.setTimestamp(++index, value == null ? null : Timestamp.from(value));
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

        private void print(Object value) {
            try {
                printer.print(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void bigint(long value) {
            print(value);
        }

        @Override
        public void smallint(short value) {
            print(value);
        }

        @Override
        public void integer(Integer value) {
            print(value);
        }

        @Override
        public void real(Double value) {
            print(value);
        }

        @Override
        public void text(String value) {
            print(value);
        }

        @Override
        public void timestamp(Instant value) {
            print(value == null ? null : Timestamp.from(value).toString());
        }
    }
}
