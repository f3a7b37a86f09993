/** What the outside calls on the registry: the transactional registry facade and its command records. */
package io.promptwatch.registry.boundary;
