/** The reports as immutable records, the same data every rendering carries, with their vocabularies. */
package io.promptwatch.reporting.entity;
