package io.promptwatch.cache;

import io.promptwatch.persistence.StorableInstants;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import javax.sql.DataSource;

/**
 * The cache generation row (V16): raised in the transaction of every change that a server's caches
 * may hold an older form of, read by {@link CacheGenerationWatch} on every server. Raised in the
 * change's own transaction, so the generation moves exactly when the change becomes visible: a server
 * that sees the new number and clears its caches reloads the changed rows, never the ones before.
 * <p>
 * The row's lock is held to the commit, so such changes commit one after the other across all
 * servers; they are rare (an operator's or the evaluator's), and each takes the row as its last lock
 * (after the prompt's or key's), so the order of locks stays the same everywhere.
 */
@Stateless
public class CacheGenerations {

    private static final Object RAISED = CacheGenerations.class.getName() + ".raised";

    @Resource(lookup = "jdbc/promptwatch")
    DataSource dataSource;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** Raises the generation in the caller's transaction (once per transaction, however often called). */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void raise() {
        if (transactions.getResource(RAISED) != null) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement update = c.prepareStatement(
                     "UPDATE cache_generation SET generation = generation + 1, changed_at = ? WHERE id = 1")) {
            update.setTimestamp(1, Timestamp.from(StorableInstants.now()));
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("raising the cache generation failed", e);
        }
        transactions.putResource(RAISED, Boolean.TRUE);
    }

    /** The committed generation. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public long current() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT generation FROM cache_generation WHERE id = 1");
             ResultSet rs = select.executeQuery()) {
            if (!rs.next()) {
                throw new IllegalStateException("the cache_generation row is missing (migration V16)");
            }
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the cache generation failed", e);
        }
    }
}
