package io.promptwatch.reports.backup;

import io.promptwatch.persistence.Dialect;
import jakarta.annotation.Resource;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The {@code backup} job's one step, then only the newest {@code promptwatch.jobs.backup.keep}
 * backups kept. On Derby: Derby's online backup ({@code SYSCS_UTIL.SYSCS_BACKUP_DATABASE}) into a
 * staging directory, zipped into the backup directory; Derby copies the database while transactions
 * go on (ingest keeps writing; the copy is consistent as of the backup's end, its log included). On
 * PostgreSQL: every table read in one snapshot as CSV with the schema and a psql restore script
 * ({@link PostgresBackup}); consistent as of the snapshot's start, ingest going on meanwhile. Online
 * on both: nothing is stopped for it.
 *
 * <p>Backup goes through the pool's DataSource rather than an ejb-core boundary: it is an operation
 * on the database as a whole, not on any component's data.
 */
@Named("databaseBackup")
@Dependent
public class DatabaseBackup extends AbstractBatchlet {

    private static final Logger LOG = Logger.getLogger(DatabaseBackup.class.getName());

    @Resource(lookup = "jdbc/promptwatch")
    DataSource database;

    @Inject
    JobContext job;

    @Inject
    @ConfigProperty(name = "promptwatch.data.dir")
    String dataDir;

    @Inject
    @ConfigProperty(name = "promptwatch.jobs.backup.directory")
    Optional<String> directory;

    @Inject
    @ConfigProperty(name = "promptwatch.jobs.backup.keep")
    int keep;

    @Override
    public String process() throws SQLException, IOException {
        Path target = directory.filter(d -> !d.isBlank()).map(Path::of).orElse(Path.of(dataDir, "backups"));
        Files.createDirectories(target);
        Instant at = Instant.now();
        Path zip = target.resolve(BackupFiles.name(at));
        try (Connection connection = database.getConnection()) {
            if (Dialect.of(connection) == Dialect.POSTGRESQL) {
                PostgresBackup.write(connection, zip, at);
            } else {
                derbyBackup(connection, target, at, zip);
            }
        }
        List<Path> deleted = BackupFiles.keepNewest(target, keep);
        long bytes = Files.size(zip);
        LOG.info(() -> "Backup " + zip + " written (" + bytes + " bytes); " + deleted.size() + " older backup(s) deleted");
        // The job's exit status names the file: the API and asadmin list-batch-job-executions show it.
        job.setExitStatus(zip.getFileName().toString());
        return zip.getFileName().toString();
    }

    private static void derbyBackup(Connection connection, Path target, Instant at, Path zip) throws SQLException, IOException {
        Path staging = target.resolve(".staging-" + at.toEpochMilli());
        try {
            try (CallableStatement call = connection.prepareCall("CALL SYSCS_UTIL.SYSCS_BACKUP_DATABASE(?)")) {
                call.setString(1, staging.toString());
                call.execute();
            }
            BackupFiles.zip(staging, zip);
        } finally {
            BackupFiles.deleteTree(staging);
        }
    }
}
