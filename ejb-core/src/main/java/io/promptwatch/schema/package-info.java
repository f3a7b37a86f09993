/** The database schema, created and evolved by Flyway migrations before anything else runs. */
package io.promptwatch.schema;
