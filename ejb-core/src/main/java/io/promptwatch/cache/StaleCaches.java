package io.promptwatch.cache;

/**
 * Fired (a CDI event) when the cache generation in the database moved: some server changed what the
 * caches hold (a deploy, a rollback, a key revoked or rotated). Every cache of this server observes it
 * and forgets its entries, including loads under way ({@link ExpiringCache#clear}).
 *
 * @param generation the generation now in the database
 */
public record StaleCaches(long generation) {
}
