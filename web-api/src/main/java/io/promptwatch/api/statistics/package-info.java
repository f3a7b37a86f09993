/** The analysis resource and the request records its bodies are read into, with their checks. */
package io.promptwatch.api.statistics;
