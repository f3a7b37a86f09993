/** The executions resource and the fault-tolerant ingest guard. */
package io.promptwatch.api.tracking;
