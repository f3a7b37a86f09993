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

/** Step {@code update-statistics} of the {@code maintenance} job: fresh index statistics for the same tables. */
@Named("updateStatistics")
@Dependent
public class UpdateStatistics extends AbstractBatchlet {

    @Resource(lookup = "jdbc/promptwatch")
    DataSource database;

    @Inject
    @ConfigProperty(name = "promptwatch.jobs.maintenance.tables")
    List<String> tables;

    @Override
    public String process() throws SQLException {
        return "updated statistics of " + Tables.each(database, tables, "Statistics of", Tables::updateStatistics)
                + " tables";
    }
}
