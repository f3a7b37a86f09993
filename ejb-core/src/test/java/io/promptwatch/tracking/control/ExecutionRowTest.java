package io.promptwatch.tracking.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.promptwatch.registry.entity.PrivacyMode;
import io.promptwatch.tracking.entity.Execution;
import java.io.IOException;
import java.io.StringReader;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** The one column order, and a COPY line as PostgreSQL's CSV reader takes it apart. */
class ExecutionRowTest {

    private static Execution.Fields record() {
        Execution.Fields f = new Execution.Fields();
        f.executionId = "exec-1";
        f.promptId = "support";
        f.version = "1.0.0";
        f.model = "m";
        f.timestamp = Instant.parse("2026-12-03T10:15:30.123456Z");
        f.latencyMs = 0.1;
        f.cost = 1.0E-7;
        f.inputTokens = 12;
        f.success = true;
        f.errorMessage = "say \"hi\", then\r\n\\.\nbye";
        f.domain = "";
        f.privacyMode = PrivacyMode.HASH;
        f.receivedAt = Instant.parse("2026-12-03T10:15:31Z");
        return f;
    }

    @Test
    void everyColumnGetsOneValue() throws SQLException {
        List<Object> values = new ArrayList<>();
        ExecutionRow.write((value, sqlType) -> values.add(value), 7, 99, record(), null, null);
        assertEquals(ExecutionRow.COLUMNS.size(), values.size());
        assertEquals(7L, values.get(ExecutionRow.COLUMNS.indexOf("id")));
        assertEquals("say \"hi\", then\r\n\\.\nbye", values.get(ExecutionRow.COLUMNS.indexOf("error_message")));
        assertEquals("HASH", values.get(ExecutionRow.COLUMNS.indexOf("privacy_mode")));
    }

    /**
     * Read back with PostgreSQL's CSV rules (quoted values are texts, an unquoted empty one is NULL),
     * each value is what the JDBC driver would have bound: the timestamp as java.sql.Timestamp prints it
     * in the JVM's zone, the doubles in Java's shortest exact form.
     */
    @Test
    void aCopyLineReadsBackValueForValue() throws SQLException, IOException {
        TimeZone zone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        try {
            ExecutionRow.CopyBatch batch = new ExecutionRow.CopyBatch(null);
            batch.add(7, 99, record(), null, null);
            batch.add(8, 100, record(), "fine", Instant.parse("2026-12-03T11:00:00Z"));
            assertEquals(2, batch.rows());
            String csv = batch.csv();

            // Strict quoting, as PostgreSQL reads CSV: an unquoted empty value is null, a quoted one an empty text.
            List<CSVRecord> rows = CSVParser.parse(new StringReader(csv), CSVFormat.POSTGRESQL_CSV).getRecords();
            assertEquals(2, rows.size());
            CSVRecord row = rows.get(0);
            assertEquals(ExecutionRow.COLUMNS.size(), row.size());
            assertEquals("7", row.get(ExecutionRow.COLUMNS.indexOf("id")));
            assertEquals("2026-12-03 10:15:30.123456", row.get(ExecutionRow.COLUMNS.indexOf("ts")));
            assertEquals("0.1", row.get(ExecutionRow.COLUMNS.indexOf("latency_ms")));
            assertEquals("1.0E-7", row.get(ExecutionRow.COLUMNS.indexOf("cost")));
            assertEquals("1", row.get(ExecutionRow.COLUMNS.indexOf("success")));
            assertEquals("say \"hi\", then\r\n\\.\nbye", row.get(ExecutionRow.COLUMNS.indexOf("error_message")));
            assertEquals("", row.get(ExecutionRow.COLUMNS.indexOf("domain")), "an empty text stays empty");
            assertNull(row.get(ExecutionRow.COLUMNS.indexOf("temperature")), "NULL is nothing at all");
            assertNull(row.get(ExecutionRow.COLUMNS.indexOf("feedback_at")));
            assertEquals("fine", rows.get(1).get(ExecutionRow.COLUMNS.indexOf("feedback_comment")));
            assertEquals("2026-12-03 11:00:00.0", rows.get(1).get(ExecutionRow.COLUMNS.indexOf("feedback_at")));
        } finally {
            TimeZone.setDefault(zone);
        }
    }
}
