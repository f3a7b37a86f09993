/**
 * The error vocabulary every component throws and the web layer turns into
 * {@code application/problem+json}: a status, a title, a detail and the field at fault.
 */
package io.promptwatch.problem;
