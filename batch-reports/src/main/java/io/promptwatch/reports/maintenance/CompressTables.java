package io.promptwatch.reports.maintenance;

import jakarta.annotation.Resource;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Step {@code compress-tables} of the {@code maintenance} job: Derby's in-place compression of the
 * tables that grow and shrink ({@code promptwatch.jobs.maintenance.tables}). In place rather than
 * {@code SYSCS_COMPRESS_TABLE}, which copies the table under an exclusive lock: ingest would wait for it.
 * On PostgreSQL a plain {@code VACUUM} of each, for the same reason not {@code VACUUM FULL} ({@link Tables}).
 */
@Named("compressTables")
@Dependent
public class CompressTables extends AbstractBatchlet {

    @Resource(lookup = "jdbc/promptwatch")
    DataSource database;

    @Inject
    @ConfigProperty(name = "promptwatch.jobs.maintenance.tables")
    List<String> tables;

    @Override
    public String process() throws SQLException {
        return "compressed " + Tables.each(database, tables, "Compressed", Tables::compress) + " tables";
    }
}
