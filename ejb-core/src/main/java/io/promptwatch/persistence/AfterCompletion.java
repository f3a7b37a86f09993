package io.promptwatch.persistence;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Runs an action once the current transaction has ended, committed or not. Caches use it to drop
 * an entry only when no reader can load the old row again; report digests use {@link #afterCommit}
 * to announce only a report that was really stored.
 */
public final class AfterCompletion {

    private AfterCompletion() {
    }

    public static void run(TransactionSynchronizationRegistry transactions, Runnable action) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                action.run();
            }
        });
    }

    /**
     * Runs {@code action} once the current transaction has committed, and never when it rolls back.
     * The action runs on the committing thread without a transaction: keep it short (hand work to an
     * executor) and let it throw nothing.
     */
    public static void afterCommit(TransactionSynchronizationRegistry transactions, Runnable action) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    action.run();
                }
            }
        });
    }
}
