/** Problem documents (RFC 9457) and the exception mappers that produce them. */
package io.promptwatch.api.problem;
