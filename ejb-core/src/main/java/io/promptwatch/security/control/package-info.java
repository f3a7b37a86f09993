/** The cache of recently valid keys. */
package io.promptwatch.security.control;
