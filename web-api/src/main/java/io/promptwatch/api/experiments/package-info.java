/** The experiments resource: declare, watch, stop. */
package io.promptwatch.api.experiments;
