package io.promptwatch.reports.archive;

import io.promptwatch.tracking.boundary.RecordArchive;
import io.promptwatch.tracking.entity.ArchivedExecution;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The {@code restore} job: a prompt's archived month back into the execution table. Every part is
 * checked against its manifest first (SHA-256, record count, ids); one that differs fails the job with
 * an exit status saying which and how, before anything is inserted. Then the records go back under their
 * own ids, {@link #BATCH} per transaction, those stored already left out: restoring twice inserts nothing
 * the second time, and a restart after a crash finishes what the first run began. The files stay (the
 * next archive run deletes the rows again without writing them twice).
 */
@Named("restoreArchive")
@Dependent
public class RestoreArchive extends AbstractBatchlet {

    private static final Logger LOG = Logger.getLogger(RestoreArchive.class.getName());
    static final int BATCH = 500;

    @EJB
    RecordArchive records;

    @Inject
    JobContext job;

    @Inject
    @BatchProperty
    String promptId;

    @Inject
    @BatchProperty
    String month;

    @Override
    public String process() throws IOException {
        YearMonth which = ArchiveMonths.parse(month).orElseThrow(() -> fail("month must be yyyy-MM; got '" + month + "'"));
        Path directory = ArchiveFiles.unit(ArchiveFiles.directory(ConfigProvider.getConfig()), promptId, which);
        List<ArchiveManifest> parts = ArchiveFiles.parts(directory);
        if (parts.isEmpty()) {
            throw fail("no archive of " + promptId + " " + which);
        }
        for (ArchiveManifest part : parts) {
            try {
                ArchiveFiles.verify(directory, part);
            } catch (ArchiveFiles.Mismatch mismatch) {
                throw fail("archive does not match its manifest, nothing restored: " + mismatch.getMessage());
            }
        }
        long[] counts = new long[2];
        List<ArchivedExecution> batch = new ArrayList<>(BATCH);
        for (ArchiveManifest part : parts) {
            ArchiveFiles.forEachLine(directory, part, line -> {
                batch.add(ArchiveLines.decode(line));
                counts[0]++;
                if (batch.size() == BATCH) {
                    counts[1] += records.restore(batch);
                    batch.clear();
                }
            });
        }
        counts[1] += records.restore(batch);
        String status = "restored " + counts[1] + " of " + counts[0] + " archived records of " + promptId + " " + which
                + " (" + (counts[0] - counts[1]) + " were stored already) from " + parts.size() + " part(s)";
        LOG.info(status);
        job.setExitStatus(status);
        return status;
    }

    /** Ends the job FAILED with {@code why} as its exit status (the API and asadmin show it). */
    private IllegalStateException fail(String why) {
        job.setExitStatus(why);
        LOG.warning("Restore refused: " + why);
        return new IllegalStateException(why);
    }
}
