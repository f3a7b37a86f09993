/**
 * The reports as immutable records, the same data every rendering carries, with their vocabularies;
 * and {@code StoredReport}, the one JPA entity: a report's renderings as the jobs stored them.
 */
package io.promptwatch.reporting.entity;
