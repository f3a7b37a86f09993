package io.promptwatch.reports.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.Test;

class PostgresBackupTest {

    @Test
    void eachTableLoadsAfterTheTablesItReferencesAndFlywaysHistoryLast() {
        // As in the schema: a version references its prompt, an alert its rule and version.
        Map<String, Set<String>> parents = Map.of(
                "alert", Set.of("alert_rule", "prompt_version"),
                "alert_rule", Set.of(),
                "flyway_schema_history", Set.of(),
                "prompt", Set.of(),
                "prompt_version", Set.of("prompt"));
        List<String> order = PostgresBackup.ordered(new TreeMap<>(parents));
        assertEquals(parents.keySet(), Set.copyOf(order));
        assertTrue(order.indexOf("prompt") < order.indexOf("prompt_version"), order::toString);
        assertTrue(order.indexOf("prompt_version") < order.indexOf("alert"), order::toString);
        assertTrue(order.indexOf("alert_rule") < order.indexOf("alert"), order::toString);
        assertEquals("flyway_schema_history", order.get(order.size() - 1));
    }

    @Test
    void referencesInACycleAreRefusedNotLooped() {
        Map<String, Set<String>> parents = new TreeMap<>(Map.of("a", Set.of("b"), "b", Set.of("a"), "c", Set.of()));
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> PostgresBackup.ordered(parents));
        assertTrue(refused.getMessage().contains("[a, b]"), refused::getMessage);
    }

    @Test
    void theRestoreScriptBuildsTheSchemaThenLoadsEveryTableThenMovesIdentitiesOn() {
        String script = PostgresBackup.restoreScript(Instant.parse("2026-12-06T02:00:00Z"), "CREATE TABLE flyway_schema_history (x int);\n",
                List.of("V1__foundation.sql", "V2__experiments.sql"), List.of("prompt", "execution", "flyway_schema_history"),
                Map.of("execution", List.of("id")));
        List<String> lines = script.lines().filter(l -> !l.startsWith("--")).toList();
        assertEquals(List.of(
                "CREATE TABLE flyway_schema_history (x int);",
                "\\ir schema/V1__foundation.sql",
                "\\ir schema/V2__experiments.sql",
                "TRUNCATE prompt, execution, flyway_schema_history;",
                "\\copy prompt FROM 'data/prompt.tsv' WITH (FORMAT text, HEADER)",
                "\\copy execution FROM 'data/execution.tsv' WITH (FORMAT text, HEADER)",
                "\\copy flyway_schema_history FROM 'data/flyway_schema_history.tsv' WITH (FORMAT text, HEADER)",
                "SELECT setval(pg_get_serial_sequence('execution', 'id'), COALESCE((SELECT MAX(id) FROM execution), 0) + 1, false);"),
                lines);
    }

    /**
     * psql (before 18) ends a {@code \\copy} at any line {@code \\.}, inside a quoted CSV field too; in
     * the text format a value's line breaks are escaped, so each row stays one line. PostgreSQL's
     * documentation, COPY "Text Format", gives the escapes expected here.
     */
    @Test
    void aRowStaysOneLineWhateverItsTextHolds() throws IOException {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(out, PostgresBackup.DATA)) {
            printer.printRecord("1", "end\n\\.\nof data\r\n\tand \\N", null, "");
        }
        assertEquals("1\tend\\n\\\\.\\nof data\\r\\n\\\tand \\\\N\t\\N\t\n", out.toString());
    }
}
