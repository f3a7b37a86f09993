package io.promptwatch.reports.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptwatch.problem.ProblemException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class JobCatalogTest {

    @Test
    void everyJobHasItsJobXmlAndEveryJobXmlAJob() throws IOException {
        Set<String> xml;
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/META-INF/batch-jobs"))) {
            xml = files.map(p -> p.getFileName().toString().replaceFirst("\\.xml$", "")).collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(xml, JobCatalog.all().stream().map(JobDefinition::name).collect(Collectors.toCollection(TreeSet::new)));
        for (String name : xml) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/batch-jobs/" + name + ".xml")) {
                assertNotNull(in, name);
                assertTrue(new String(in.readAllBytes(), StandardCharsets.UTF_8).contains("<job id=\"" + name + "\""), name);
            }
        }
    }

    @Test
    void parametersAreCheckedAndDefaultsFilledIn() {
        JobDefinition export = JobCatalog.require("export");
        assertEquals(Map.of("format", "csv", "chunkSize", "500"), JobCatalog.parameters(export, Map.of()));
        assertEquals(Map.of("promptId", "p", "from", "2026-12-01T00:00:00Z", "format", "jsonl", "chunkSize", "7"),
                JobCatalog.parameters(export, Map.of("promptId", "p", "from", "2026-12-01T00:00:00Z", "format", "jsonl", "chunkSize", "7")));
        assertEquals("format", refused(export, Map.of("format", "xml")));
        assertEquals("chunkSize", refused(export, Map.of("chunkSize", "0")));
        assertEquals("chunkSize", refused(export, Map.of("chunkSize", "7.5")));
        assertEquals("from", refused(export, Map.of("from", "yesterday")));
        assertEquals("from", refused(export, Map.of("from", "+10000-01-01T00:00:00Z")));
        assertEquals("to", refused(export, Map.of("from", "2026-12-02T00:00:00Z", "to", "2026-12-01T00:00:00Z")));
        assertEquals("promptId", refused(export, Map.of("promptId", "x".repeat(65))));
        assertEquals("size", refused(export, Map.of("size", "1")));
        assertEquals("startedBy", refused(export, Map.of("startedBy", "me")));
        assertEquals("anything", refused(JobCatalog.require("backup"), Map.of("anything", "1")));
    }

    @Test
    void anUnknownJobIsNotFound() {
        assertEquals(404, assertThrows(ProblemException.class, () -> JobCatalog.require("daily-reports")).status());
    }

    @Test
    void aScheduleOfAJobThatDoesNotExistIsKeptWithItsReason() {
        Schedule later = Schedule.of("daily-report", Optional.of("0 6 * * *")).orElseThrow();
        assertEquals(null, later.cron());
        assertTrue(later.problem().contains("no job named 'daily-report'"), later.problem());
        Schedule bad = Schedule.of("backup", Optional.of("at two")).orElseThrow();
        assertTrue(bad.problem().contains("five fields"), bad.problem());
        assertEquals(Optional.empty(), Schedule.of("export", Optional.of(" ")));
        assertEquals("job:backup:2026-12-06T02:00:00Z",
                Schedule.of("backup", Optional.of("0 2 * * *")).orElseThrow().lease(java.time.Instant.parse("2026-12-06T02:00:00Z")));
    }

    private static String refused(JobDefinition job, Map<String, String> given) {
        ProblemException e = assertThrows(ProblemException.class, () -> JobCatalog.parameters(job, given));
        assertEquals(400, e.status());
        return e.field();
    }
}
