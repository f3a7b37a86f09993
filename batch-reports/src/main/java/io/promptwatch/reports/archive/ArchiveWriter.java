package io.promptwatch.reports.archive;

import io.promptwatch.tracking.boundary.IdWalk;
import io.promptwatch.tracking.boundary.RecordArchive;
import io.promptwatch.tracking.entity.Execution;
import io.promptwatch.tracking.entity.IdSpan;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Archives each unit in the one order that loses nothing and doubles nothing:
 * <ol>
 * <li>leftovers of an interrupted run are discarded (a temp file, a part without manifest);</li>
 * <li>the unit's rows above the last archived id (all of them the first time, late arrivals later) go to a
 * new part: written, forced, read back and checked, renamed, then given its manifest;</li>
 * <li>the rows the parts hold (id at most the last part's last id) are deleted, {@code batchSize} per transaction,
 * walking the primary key ({@code IdWalk}).</li>
 * </ol>
 * A crash anywhere redoes at most the step it interrupted: a part with a manifest is never written again
 * (its rows are only deleted), a row is deleted only once a verified part holds it. Ids at most a part's last
 * id that are in the table again (a restore) are in that part already, so they are deleted, not written twice.
 */
@Named("archiveWriter")
@Dependent
public class ArchiveWriter extends AbstractItemWriter {

    private static final Logger LOG = Logger.getLogger(ArchiveWriter.class.getName());
    /** Records read per query while writing a part (at most the executions list's page size). */
    static final int PAGE = 500;

    @EJB
    RecordArchive records;

    @Inject
    @BatchProperty
    String batchSize;

    @Override
    public void writeItems(List<Object> items) throws IOException {
        Path root = ArchiveFiles.directory(ConfigProvider.getConfig());
        int perTransaction = batchSize == null || batchSize.isBlank() ? 500 : Integer.parseInt(batchSize);
        for (Object item : items) {
            archive(root, (ArchiveUnit) item, perTransaction);
        }
    }

    private void archive(Path root, ArchiveUnit unit, int perTransaction) throws IOException {
        Path directory = ArchiveFiles.unit(root, unit.promptId(), unit.month());
        Instant from = ArchiveMonths.start(unit.month());
        Instant to = ArchiveMonths.end(unit.month());
        List<String> discarded = ArchiveFiles.discardUnfinished(directory);
        if (!discarded.isEmpty()) {
            LOG.info(() -> "Archive " + unit.key() + ": discarded " + discarded + " of an interrupted run");
        }
        List<ArchiveManifest> parts = ArchiveFiles.parts(directory);
        long archivedThrough = parts.stream().mapToLong(ArchiveManifest::lastId).max().orElse(0);
        int nextPart = parts.stream().mapToInt(ArchiveManifest::part).max().orElse(0) + 1;
        // The part's records are walked along the primary key from the first of them to the last
        // (IdWalk): a page costs the same however large the unit. The walk keeps its own position,
        // the last id it examined, which is at or beyond the last id the part was given.
        IdSpan span = records.span(unit.promptId(), from, to, archivedThrough, unit.throughId());
        IdWalk walk = span == null ? null : new IdWalk(span.first() - 1, span.last(), PAGE);
        ArchiveManifest written = walk == null ? null : ArchiveFiles.write(directory, unit.promptId(), unit.month(), nextPart,
                archivedThrough, afterId -> walk.next((after, through, limit) -> records.page(unit.promptId(), from, to, after,
                        through, limit), Execution::id).stream().map(ArchiveWriter::line).toList(), Instant.now());
        if (written != null) {
            archivedThrough = written.lastId();
            LOG.info(() -> "Archive " + unit.key() + ": " + written.file() + " holds " + written.records() + " records (ids "
                    + written.firstId() + ".." + written.lastId() + ")");
        }
        // The rows the parts hold are walked along the primary key as well, perTransaction ids a delete: a
        // delete costs the same however many rows of the unit are left (the lowest ids first would sort them all).
        long deleted = 0;
        IdSpan held = records.span(unit.promptId(), from, to, 0, archivedThrough);
        if (held != null) {
            IdWalk rows = new IdWalk(held.first() - 1, held.last(), perTransaction);
            for (List<Long> ids; !(ids = rows.next((after, through, limit) -> records.ids(unit.promptId(), from, to, after,
                    through, limit), Long::longValue)).isEmpty(); ) {
                deleted += records.delete(ids);
            }
        }
        long total = deleted;
        LOG.info(() -> "Archive " + unit.key() + ": " + total + " archived rows deleted from the execution table");
    }

    private static ArchiveFiles.Line line(Execution record) {
        return new ArchiveFiles.Line(record.id(), ArchiveLines.encode(record));
    }
}
