package io.promptwatch.reports.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.promptwatch.problem.ProblemException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The archive and restore jobs' parameters: a bad value is a 400 naming its field before anything runs. */
class ArchiveJobParametersTest {

    @Test
    void archiveTakesAnOptionalHorizonAndABatchSize() {
        JobDefinition archive = JobCatalog.require("archive");
        assertEquals(Map.of("batchSize", "500"), JobCatalog.parameters(archive, Map.of()));
        assertEquals(Map.of("before", "2026-03-01T00:00:00Z", "batchSize", "7"),
                JobCatalog.parameters(archive, Map.of("before", "2026-03-01T00:00:00Z", "batchSize", "7")));
        assertEquals("before", refused(archive, Map.of("before", "2026-03")));
        assertEquals("batchSize", refused(archive, Map.of("batchSize", "0")));
        assertEquals(Map.of("promptId", "p", "batchSize", "500"), JobCatalog.parameters(archive, Map.of("promptId", "p")));
        assertEquals("promptId", refused(archive, Map.of("promptId", "")));
        assertEquals("month", refused(archive, Map.of("month", "2026-01")));
        assertEquals(true, archive.parameter("batchSize").orElseThrow().changeableOnRestart());
    }

    @Test
    void restoreNeedsAPromptAndAMonth() {
        JobDefinition restore = JobCatalog.require("restore");
        assertEquals(Map.of("promptId", "support-triage", "month", "2026-01"),
                JobCatalog.parameters(restore, Map.of("promptId", "support-triage", "month", "2026-01")));
        assertEquals("month", refused(restore, Map.of("promptId", "p", "month", "2026-13")));
        assertEquals("month", refused(restore, Map.of("promptId", "p", "month", "2026-1")));
        assertEquals("month", refused(restore, Map.of("promptId", "p", "month", "January")));
        assertEquals("month", refused(restore, Map.of("promptId", "p")));
        assertEquals("promptId", refused(restore, Map.of("month", "2026-01")));
        assertEquals("promptId", refused(restore, Map.of("promptId", "../etc", "month", "2026-01")));
        assertEquals("promptId", refused(restore, Map.of("promptId", "Upper", "month", "2026-01")));
    }

    private static String refused(JobDefinition job, Map<String, String> given) {
        ProblemException problem = assertThrows(ProblemException.class, () -> JobCatalog.parameters(job, given));
        assertEquals(400, problem.status());
        return problem.field();
    }
}
