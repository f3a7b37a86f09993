/** Small in-process caches whose entries expire after a set time. */
package io.promptwatch.cache;
