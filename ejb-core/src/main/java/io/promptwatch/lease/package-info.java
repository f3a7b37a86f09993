/**
 * The database lease: one row per periodic task, held by one server until it expires, so that with
 * several servers on one database a task (the alert evaluator, a scheduled job) runs on one at a time.
 */
package io.promptwatch.lease;
