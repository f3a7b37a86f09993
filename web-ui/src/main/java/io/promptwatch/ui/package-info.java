/**
 * The dashboard's server side, which is only this: the security headers of its static pages. The
 * pages themselves (src/main/webapp) call the public API under /api/v1 like any other client.
 */
package io.promptwatch.ui;
