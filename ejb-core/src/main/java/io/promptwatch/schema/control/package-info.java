/** Running the Flyway migrations at deployment, from an explicit index of migration files. */
package io.promptwatch.schema.control;
