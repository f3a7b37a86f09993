/**
 * Small in-process caches whose entries expire after a set time, and their invalidation across the
 * servers sharing one database: the cache generation that changes raise and every server polls.
 */
package io.promptwatch.cache;
