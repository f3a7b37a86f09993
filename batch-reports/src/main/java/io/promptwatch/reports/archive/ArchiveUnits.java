package io.promptwatch.reports.archive;

import io.promptwatch.metrics.boundary.MetricsQuery;
import io.promptwatch.tracking.boundary.RecordArchive;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Hands the archive step its units, one (prompt, month) per item, by prompt and month: the months
 * that ended before the hot horizon ({@code promptwatch.archive.hot-days} ago, or the job's
 * {@code before}). Only records every rollup window has read are taken, and never the table's newest
 * ({@link RecordArchive#newestId}): what leaves is counted in the metrics already and its id is never
 * handed out again. The checkpoint is the last unit handed on; a restart lists the units again and
 * goes on after it (a unit redone does no harm: its manifest makes the writer only finish the delete).
 */
@Named("archiveUnits")
@Dependent
public class ArchiveUnits extends AbstractItemReader {

    private static final Logger LOG = Logger.getLogger(ArchiveUnits.class.getName());

    @EJB
    RecordArchive records;

    @EJB
    MetricsQuery metrics;

    @Inject
    @ConfigProperty(name = "promptwatch.archive.hot-days")
    int hotDays;

    @Inject
    @BatchProperty
    String before;

    @Inject
    @BatchProperty
    String promptId;

    private final Deque<ArchiveUnit> units = new ArrayDeque<>();
    private String last;

    @Override
    public void open(Serializable checkpoint) {
        Instant horizon = before == null || before.isBlank() ? Instant.now().minus(Duration.ofDays(hotDays)) : Instant.parse(before);
        Instant cutoff = ArchiveMonths.cutoff(horizon);
        long throughId = Math.min(metrics.rolledUpThrough(), records.newestId() - 1);
        last = (String) checkpoint;
        records.units(cutoff, throughId, promptId == null || promptId.isBlank() ? null : promptId).stream().map(u -> new ArchiveUnit(u.promptId(), u.month(), throughId))
                .filter(u -> last == null || u.key().compareTo(last) > 0)
                .sorted(Comparator.comparing(ArchiveUnit::key)).forEach(units::add);
        LOG.info(() -> "Archive: " + units.size() + " prompt-month(s) before " + cutoff + " (records up to id " + throughId
                + ")" + (last == null ? "" : ", after " + last));
    }

    @Override
    public Object readItem() {
        ArchiveUnit next = units.pollFirst();
        if (next != null) {
            last = next.key();
        }
        return next;
    }

    @Override
    public Serializable checkpointInfo() {
        return last;
    }
}
