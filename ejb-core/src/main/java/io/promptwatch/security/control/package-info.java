/** The bootstrap admin key and the cache of recently valid keys. */
package io.promptwatch.security.control;
