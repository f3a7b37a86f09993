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
    void theReportJobsDefaultToYesterdayAndAWeek() {
        // The default day is taken at the start from the clock: yesterday in UTC (the test reads the same clock;
        // at midnight the two readings may straddle the day, so either of the two yesterdays is accepted).
        String before = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1).toString();
        Map<String, String> daily = JobCatalog.parameters(JobCatalog.require("daily-report"), Map.of());
        String after = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1).toString();
        assertEquals(Set.of("date"), daily.keySet());
        assertTrue(daily.get("date").equals(before) || daily.get("date").equals(after), daily::toString);
        assertEquals(Map.of("date", "2026-11-30", "promptId", "p"), JobCatalog.parameters(JobCatalog.require("daily-report"),
                Map.of("date", "2026-11-30", "promptId", "p")));
        assertEquals("date", refused(JobCatalog.require("daily-report"), Map.of("date", "2026-11-31")));
        assertEquals("date", refused(JobCatalog.require("daily-report"), Map.of("date", "yesterday")));
        assertEquals("date", refused(JobCatalog.require("daily-report"), Map.of("date", "9999-01-01")));
        assertEquals("promptId", refused(JobCatalog.require("daily-report"), Map.of("promptId", "")));
        assertEquals(Map.of("days", "7"), JobCatalog.parameters(JobCatalog.require("comprehensive-report"), Map.of()));
        assertEquals("days", refused(JobCatalog.require("comprehensive-report"), Map.of("days", "0")));
    }

    @Test
    void aDayBeforeParameterAsksForTodayAtEachStart() {
        // A clock that moves on between two starts: the default follows it, the check too.
        java.util.concurrent.atomic.AtomicReference<java.time.LocalDate> today =
                new java.util.concurrent.atomic.AtomicReference<>(java.time.LocalDate.parse("2026-12-01"));
        JobParameter date = JobParameter.dayBefore("date", "the day", today::get);
        assertEquals("2026-11-30", date.defaultAtStart().get());
        assertEquals("2026-12-01", date.check().apply("2026-12-01"), "today is allowed (reported as far as it goes)");
        assertThrows(ProblemException.class, () -> date.check().apply("2026-12-02"));
        today.set(java.time.LocalDate.parse("2026-12-02"));
        assertEquals("2026-12-01", date.defaultAtStart().get());
        assertEquals("2026-12-02", date.check().apply("2026-12-02"));
        assertEquals(null, date.defaultValue(), "no fixed default: GET /jobs says 'yesterday' in the description");
    }

    @Test
    void aWholeNumberBoundedByASettingReadsItAtEachCheck() {
        // As the comprehensive report's days: at most promptwatch.reporting.comprehensive.max-days, read at each
        // start (the catalog's parameter reads the setting; here a supplier stands for it).
        java.util.concurrent.atomic.AtomicLong max = new java.util.concurrent.atomic.AtomicLong(90);
        JobParameter days = JobParameter.wholeNumber("days", "days covered", 7, 1, max::get, "the.max.setting");
        assertEquals("90", days.check().apply("90"));
        ProblemException above = assertThrows(ProblemException.class, () -> days.check().apply("91"));
        assertEquals(400, above.status());
        assertEquals("days", above.field());
        assertTrue(above.detail().contains("at most 90 (the.max.setting)"), above.detail());
        assertEquals("days", assertThrows(ProblemException.class, () -> days.check().apply("0")).field());
        assertEquals("days", assertThrows(ProblemException.class, () -> days.check().apply("a week")).field());
        max.set(400);
        assertEquals("400", days.check().apply("400"));
        assertEquals("7", days.defaultValue());
    }

    @Test
    void anUnknownJobIsNotFound() {
        assertEquals(404, assertThrows(ProblemException.class, () -> JobCatalog.require("daily-reports")).status());
    }

    @Test
    void aScheduleOfAJobThatDoesNotExistIsKeptWithItsReason() {
        Schedule later = Schedule.of("compact-archives", Optional.of("0 3 * * SUN")).orElseThrow();
        assertEquals(null, later.cron());
        assertTrue(later.problem().contains("no job named 'compact-archives'"), later.problem());
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
