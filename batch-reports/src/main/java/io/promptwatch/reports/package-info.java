/**
 * Daily reports, archives and maintenance as Jakarta Batch jobs (SPEC §6). Empty until the
 * reports issue: the module exists so the EAR's shape and the build are final.
 */
package io.promptwatch.reports;
