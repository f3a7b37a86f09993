package io.promptwatch.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the setting that bounds the request body of a resource method (or of every method of a
 * class) in bytes, where it is not {@value BodyLimitFeature#DEFAULT_SETTING}. Only ingest needs
 * one: a batch of records is far larger than any other request, and giving every endpoint the
 * batch's room would let any of them hold 16 MiB per request.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface BodyLimit {

    /** The MicroProfile Config property holding the limit in bytes. */
    String value();
}
