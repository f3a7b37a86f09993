package io.promptwatch.schema.control;

import io.promptwatch.persistence.Dialect;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema to the current version at deployment, before the persistence unit is used.
 * Migrations live in {@code db/migration/<vendor>} (derby, postgresql: the {@link Dialect} of the
 * pool's connection), listed in each folder's {@code migrations.idx}. Bean-managed, because
 * Flyway commits its own transactions.
 */
@Startup
@Singleton(name = "SchemaMigration")
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigration {

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

    @Resource(lookup = "jdbc/promptwatch")
    DataSource dataSource;

    @PostConstruct
    void migrate() {
        ClassLoader loader = SchemaMigration.class.getClassLoader();
        String directory = Dialect.MIGRATIONS + vendor();
        MigrateResult result = Flyway.configure(loader)
                .dataSource(dataSource)
                .locations("classpath:" + directory)
                .resourceProvider(new IndexedMigrations(loader, directory))
                .javaMigrations(new V5__ExecutionKeys())
                .load()
                .migrate();
        LOG.info(() -> "Schema at version " + result.targetSchemaVersion + " (" + result.migrationsExecuted
                + " migrations applied now)");
    }

    private String vendor() {
        try (Connection connection = dataSource.getConnection()) {
            return Dialect.of(connection).folder();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database to migrate it", e);
        }
    }
}
