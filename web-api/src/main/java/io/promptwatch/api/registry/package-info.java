/** The registry's resource and its JSON documents. */
package io.promptwatch.api.registry;
