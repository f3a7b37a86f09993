/** Declaring, watching, stopping experiments and resolving the version a subject gets. */
package io.promptwatch.experiments.boundary;
