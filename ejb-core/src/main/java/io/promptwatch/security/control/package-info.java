/** The cache of recently valid keys, key uses waiting to be written, and the rate limits' token buckets. */
package io.promptwatch.security.control;
